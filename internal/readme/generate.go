package readme

//go:generate go run ./gen ../../README.md
