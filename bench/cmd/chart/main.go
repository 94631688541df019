// Command chart draws the results of bench/run.sh as a PNG: on the left, each app's median
// wall-clock time against the number of functions, with the range across repetitions; on
// the right, execrole's time as a ratio of the plain L2 and TypeScript apps', with the
// targets as thin dashed lines and the floor's ratios (bench.Floor) as dashed ones.
//
// Usage:
//
//	chart -in results.json -out chart.png
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"image/color"
	"os"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/execrole/execrole/bench/summary"
)

var (
	colors = map[string]color.Color{
		summary.Execrole:   color.RGBA{R: 0x1b, G: 0x9e, B: 0x77, A: 0xff},
		summary.Derived:    color.RGBA{R: 0xe7, G: 0x29, B: 0x8a, A: 0xff},
		summary.L2:         color.RGBA{R: 0xd9, G: 0x5f, B: 0x02, A: 0xff},
		summary.Floor:      color.RGBA{R: 0x66, G: 0x66, B: 0x66, A: 0xff},
		summary.TypeScript: color.RGBA{R: 0x75, G: 0x70, B: 0xb3, A: 0xff},
	}
	labels = map[string]string{
		summary.Execrole:   "execrole (Go)",
		summary.Derived:    "execrole, features derived (Go)",
		summary.L2:         "plain L2 awsiam.Role (Go)",
		summary.Floor:      "floor: cheapest Go role code (bound)",
		summary.TypeScript: "aws-cdk-lib (TypeScript)",
	}
)

func main() {
	in := flag.String("in", "", "results.json written by bench/cmd/report")
	out := flag.String("out", "", "PNG file to write")
	flag.Parse()
	if *in == "" || *out == "" {
		fmt.Fprintln(os.Stderr, "chart: -in and -out are required")
		os.Exit(2)
	}
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "chart:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	b, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	var res summary.Results
	if err := json.Unmarshal(b, &res); err != nil {
		return fmt.Errorf("%s: %v", in, err)
	}
	if len(res.Sizes) == 0 {
		return fmt.Errorf("%s has no timings: run bench/run.sh", in)
	}
	times, err := timesPlot(res)
	if err != nil {
		return err
	}
	ratios, err := ratiosPlot(res)
	if err != nil {
		return err
	}
	img := vgimg.New(vg.Points(1000), vg.Points(420))
	dc := draw.New(img)
	tiles := draw.Tiles{Rows: 1, Cols: 2, PadTop: vg.Points(8), PadBottom: vg.Points(8), PadLeft: vg.Points(8), PadRight: vg.Points(12), PadX: vg.Points(28)}
	plots := [][]*plot.Plot{{times, ratios}}
	canvases := plot.Align(plots, tiles, dc)
	times.Draw(canvases[0][0])
	ratios.Draw(canvases[0][1])
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// series is a line with points and min–max error bars.
type series struct {
	plotter.XYs
	plotter.YErrors
}

// top is the highest point of the series' error bars.
func (s series) top() float64 {
	var top float64
	for i, xy := range s.XYs {
		top = max(top, xy.Y+s.YErrors[i].High)
	}
	return top
}

func addSeries(p *plot.Plot, s series, c color.Color, label string, dashed bool) error {
	line, points, err := plotter.NewLinePoints(s.XYs)
	if err != nil {
		return err
	}
	line.Color, line.Width = c, vg.Points(2)
	if dashed {
		line.Dashes = []vg.Length{vg.Points(6), vg.Points(3)}
	}
	points.Color, points.Shape = c, draw.CircleGlyph{}
	bars, err := plotter.NewYErrorBars(s)
	if err != nil {
		return err
	}
	bars.Color, bars.Width = c, vg.Points(1)
	p.Add(line, points, bars)
	p.Legend.Add(label, line, points)
	return nil
}

func newPlot(title, ylabel string, res summary.Results) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = "functions in the app (N)"
	p.Y.Label.Text = ylabel
	p.Legend.Top, p.Legend.Left = true, true
	var ticks []plot.Tick
	for _, s := range res.Sizes {
		ticks = append(ticks, plot.Tick{Value: float64(s.N), Label: strconv.Itoa(s.N)})
	}
	p.X.Tick.Marker = plot.ConstantTicks(ticks)
	p.Add(plotter.NewGrid())
	return p
}

func timesPlot(res summary.Results) (*plot.Plot, error) {
	p := newPlot(fmt.Sprintf("Whole app, wall clock (median of %d)", res.Reps), "ms", res)
	p.Y.Min = 0
	for _, app := range summary.Apps {
		var s series
		for _, size := range res.Sizes {
			t, ok := size.Apps[app]
			if !ok {
				continue
			}
			s.XYs = append(s.XYs, plotter.XY{X: float64(size.N), Y: t.Wall.Median})
			s.YErrors = append(s.YErrors, struct{ Low, High float64 }{t.Wall.Median - t.Wall.Min, t.Wall.Max - t.Wall.Median})
		}
		if len(s.XYs) == 0 {
			continue
		}
		if err := addSeries(p, s, colors[app], labels[app], false); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// ratioSeries is pair's ratio at each size measured, the median with the range of the
// per-repetition ratios.
func ratioSeries(res summary.Results, pair summary.Pair) series {
	var s series
	for _, size := range res.Sizes {
		if q, ok := size.Ratios[pair.String()]; ok {
			s.XYs = append(s.XYs, plotter.XY{X: float64(size.N), Y: q.Wall.Median})
			s.YErrors = append(s.YErrors, struct{ Low, High float64 }{q.Wall.Median - q.Wall.Min, q.Wall.Max - q.Wall.Median})
		}
	}
	return s
}

// ratiosPlot draws the ratios of summary.Pairs, with their summary.RatioTargets as thin
// dashed lines, and those of summary.FloorPairs dashed.
func ratiosPlot(res summary.Results) (*plot.Plot, error) {
	p := newPlot("Time as a ratio of the other app's (lower is faster)", "ratio", res)
	p.Y.Min, p.Y.Max = 0, 1.5
	p.Legend.Top, p.Legend.Left = false, false
	for _, pair := range summary.Pairs {
		s := ratioSeries(res, pair)
		if len(s.XYs) == 0 {
			continue
		}
		p.Y.Max = max(p.Y.Max, s.top()+0.1)
		c := colors[pair.B]
		if err := addSeries(p, s, c, "execrole / "+labels[pair.B], false); err != nil {
			return nil, err
		}
		for _, t := range summary.RatioTargets {
			if t.Pair != pair {
				continue
			}
			goal := plotter.NewFunction(func(float64) float64 { return t.Max })
			goal.Color, goal.Width = c, vg.Points(1)
			goal.Dashes = []vg.Length{vg.Points(4), vg.Points(4)}
			p.Add(goal)
			p.Legend.Add(fmt.Sprintf("target ≤ %.1fx %s", t.Max, labels[pair.B]), goal)
		}
	}
	// The floor's ratios, dashed, in the colour of the app it is compared with: the bound on execrole's.
	for _, pair := range summary.FloorPairs {
		s := ratioSeries(res, pair)
		if len(s.XYs) == 0 {
			continue
		}
		p.Y.Max = max(p.Y.Max, s.top()+0.1)
		if err := addSeries(p, s, colors[pair.B], "floor / "+labels[pair.B], true); err != nil {
			return nil, err
		}
	}
	return p, nil
}
