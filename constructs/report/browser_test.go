package report

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/png"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// chromiumPath is where Debian's chromium package puts the browser.
const chromiumPath = "/usr/bin/chromium"

// artifactsEnv names the folder that receives the screenshot; by default it is test/artifacts
// at the repository root, which git ignores.
const artifactsEnv = "EXECROLE_ARTIFACTS"

// TestBrowserRendersReport opens the HTML page in headless Chromium, checks the matrix in the
// DOM the browser built, and takes a screenshot that must show the granted cells' colours.
func TestBrowserRendersReport(t *testing.T) {
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skipf("headless Chromium not found at %s: the README setup installs it (apt-get install -y chromium)", chromiumPath)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()

	r := sampleReport()
	r.Sort()
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	if err := os.WriteFile(page, []byte(r.HTML()), 0o644); err != nil {
		t.Fatal(err)
	}
	pageURL := (&url.URL{Scheme: "file", Path: page}).String()

	dom := runChromium(ctx, t, "--dump-dom", pageURL)
	if got, want := statsOf(t, parseHTML(t, string(dom))), matrixStats(sampleMatrix); !reflect.DeepEqual(got, want) {
		t.Errorf("matrix in the browser's DOM = %+v, want %+v", got, want)
	}

	shot := filepath.Join(dir, "report.png")
	runChromium(ctx, t, "--screenshot="+shot, "--window-size=1400,900", "--hide-scrollbars", pageURL)
	raw, err := os.ReadFile(shot)
	if err != nil {
		t.Fatalf("Chromium wrote no screenshot: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("screenshot is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 1400 || b.Dy() != 900 {
		t.Errorf("screenshot is %dx%d, want 1400x900", b.Dx(), b.Dy())
	}
	if n := distinctColours(img); n < 32 {
		t.Errorf("screenshot has %d distinct colours, want a rendered page (at least 32)", n)
	}
	cells := []struct {
		name string
		rgb  color.RGBA
	}{
		{name: "granted on named resources", rgb: color.RGBA{0xda, 0xfb, 0xe1, 0xff}},
		{name: "granted on every resource", rgb: color.RGBA{0xff, 0xf1, 0xc2, 0xff}},
		{name: "managed policy", rgb: color.RGBA{0xdd, 0xf4, 0xff, 0xff}},
	}
	for _, c := range cells {
		if n := countColour(img, c.rgb); n < 200 {
			t.Errorf("screenshot shows %d pixels of the %q cell colour, want the matrix cells (at least 200)", n, c.name)
		}
	}
	keepArtifact(t, "report.png", raw)
}

// runChromium runs headless Chromium on a throwaway profile, with every background network
// feature off, and returns what it printed on standard output.
func runChromium(ctx context.Context, t *testing.T, args ...string) []byte {
	t.Helper()
	flags := []string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir(),
	}
	cmd := exec.CommandContext(ctx, chromiumPath, append(flags, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	// Chromium's helper processes may hold the pipes open after the browser exits.
	cmd.WaitDelay = 5 * time.Second
	out, err := cmd.Output()
	if err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			t.Fatalf("Chromium did not finish within the test's 60 s: %v\n%s", err, stderr.Bytes())
		}
		t.Fatalf("Chromium %v failed: %v\n%s", args, err, stderr.Bytes())
	}
	return out
}

func distinctColours(img image.Image) int {
	seen := map[color.RGBA]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			seen[color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)] = true
		}
	}
	return len(seen)
}

// countColour counts the pixels within 3 of want on every channel.
func countColour(img image.Image, want color.RGBA) int {
	near := func(a, b uint8) bool { return max(a, b)-min(a, b) <= 3 }
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
			if near(c.R, want.R) && near(c.G, want.G) && near(c.B, want.B) {
				n++
			}
		}
	}
	return n
}

// keepArtifact writes data into $EXECROLE_ARTIFACTS, or test/artifacts at the repository root.
func keepArtifact(t *testing.T, name string, data []byte) {
	t.Helper()
	dir := os.Getenv(artifactsEnv)
	if dir == "" {
		root, err := repoRoot()
		if err != nil {
			t.Fatalf("keep %s: %v; set %s to a folder for test artifacts", name, err, artifactsEnv)
		}
		dir = filepath.Join(root, "test", "artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("keep %s: %v", name, err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatalf("keep %s: %v", name, err)
	}
	t.Logf("screenshot kept at %s", p)
}

// repoRoot returns the nearest ancestor of the working directory that holds go.mod.
func repoRoot() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", errors.New("no go.mod above the working directory")
		}
	}
}
