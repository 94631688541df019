package cdktest

import (
	"errors"
	"testing"
)

func TestPanicMessage(t *testing.T) {
	tests := []struct {
		name string
		give func()
		want string
	}{
		{"no panic is no message", func() {}, ""},
		{"a string panic is its text", func() { panic("bad input") }, "bad input"},
		{"an error panic is its message", func() { panic(errors.New("boom")) }, "boom"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PanicMessage(tt.give); got != tt.want {
				t.Errorf("PanicMessage = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestResourcesPicksOneType(t *testing.T) {
	tpl := map[string]any{"Resources": map[string]any{
		"Role":  map[string]any{"Type": "AWS::IAM::Role"},
		"Queue": map[string]any{"Type": "AWS::SQS::Queue"},
	}}
	got := Resources(tpl, "AWS::IAM::Role")
	if len(got) != 1 || got["Role"] == nil {
		t.Errorf("Resources = %v, want only Role", got)
	}
	if n := len(Resources(map[string]any{}, "AWS::IAM::Role")); n != 0 {
		t.Errorf("a template without resources gave %d", n)
	}
}
