package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// JSON returns the report as indented JSON ending in a newline. Keys are lowerCamel; Roles and
// Functions are always arrays, empty ones included; the order is the report's own, so call
// Sort first for output that is stable across runs.
func (r *Report) JSON() ([]byte, error) {
	out := *r
	if out.Roles == nil {
		out.Roles = []Role{}
	}
	if out.Functions == nil {
		out.Functions = []Function{}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	// The file is read by people and tools, never embedded in a page: keep "<" and "&" as is.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return nil, fmt.Errorf("encode permissions report as JSON: %w", err)
	}
	return b.Bytes(), nil
}

// WriteFiles sorts the report, then writes it into dir as base+".json", base+".md" and
// base+".html", creating dir if needed. It returns the paths written, in that order.
func (r *Report) WriteFiles(dir, base string) ([]string, error) {
	if base == "" || base == "." || base == ".." || base != filepath.Base(base) {
		return nil, fmt.Errorf("report file base name %q must be a plain file name such as \"permissions\"", base)
	}
	r.Sort()
	js, err := r.JSON()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create report folder: %w", err)
	}
	files := []struct {
		ext  string
		data []byte
	}{
		{".json", js},
		{".md", []byte(r.Markdown())},
		{".html", []byte(r.HTML())},
	}
	paths := make([]string, 0, len(files))
	for _, f := range files {
		p := filepath.Join(dir, base+f.ext)
		if err := os.WriteFile(p, f.data, 0o644); err != nil {
			return paths, fmt.Errorf("write permissions report: %w", err)
		}
		paths = append(paths, p)
	}
	return paths, nil
}
