package deploy

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// motoCommand returns the command that runs moto's server: moto_server from PATH, or
// python3 -m moto.server where only the module is installed.
func motoCommand() ([]string, bool) {
	if p, err := exec.LookPath("moto_server"); err == nil {
		// A pyenv shim is on PATH even for a Python without moto: ask it.
		if exec.Command(p, "--help").Run() == nil {
			return []string{p}, true
		}
	}
	if p, err := exec.LookPath("python3"); err == nil {
		if exec.Command(p, "-c", "import moto.server").Run() == nil {
			return []string{p, "-m", "moto.server"}, true
		}
	}
	return nil, false
}

// startMoto starts moto on a free port of 127.0.0.1 and returns the port. It is stopped,
// with its whole process group, when the test ends.
func startMoto(t *testing.T) int {
	t.Helper()
	argv, ok := motoCommand()
	if !ok {
		msg := "moto is not installed (no moto_server on PATH, no python3 module moto): scripts/setup installs moto[server]==5.2.1"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	var lastErr error
	// The port is free when asked for; another process may take it before moto binds it.
	for range 3 {
		port, err := freePort()
		if err != nil {
			t.Fatal(err)
		}
		if lastErr = runMoto(t, argv, port); lastErr == nil {
			return port
		}
	}
	t.Fatal(lastErr)
	return 0
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// runMoto starts moto on port and waits until it answers.
func runMoto(t *testing.T, argv []string, port int) error {
	logPath := filepath.Join(t.TempDir(), "moto.log")
	log, err := os.Create(logPath)
	if err != nil {
		return err
	}
	cmd := exec.Command(argv[0], append(argv[1:], "-H", "127.0.0.1", "-p", strconv.Itoa(port))...)
	// AWS managed policies are not loaded by default, and then AttachRolePolicy rejects
	// every one of them.
	cmd.Env = append(os.Environ(), "MOTO_IAM_LOAD_MANAGED_POLICIES=true")
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		log.Close()
		return err
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); log.Close(); close(exited) }()
	stop := func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-exited
		}
	}
	url := fmt.Sprintf("http://127.0.0.1:%d/moto-api/", port)
	deadline := time.Now().Add(60 * time.Second)
	for {
		select {
		case <-exited:
			b, _ := os.ReadFile(logPath)
			return fmt.Errorf("moto exited before it answered on port %d:\n%s", port, tail(b, 2000))
		default:
		}
		if resp, err := http.Get(url); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Now().After(deadline) {
			stop()
			return fmt.Errorf("moto did not answer on %s within 60s", url)
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Cleanup(func() {
		stop()
		if t.Failed() {
			b, _ := os.ReadFile(logPath)
			t.Logf("moto log (end):\n%s", tail(b, 4000))
		}
	})
	t.Logf("moto: %v listening on 127.0.0.1:%d", argv, port)
	return nil
}

// tail returns the last n bytes of b, from a line start.
func tail(b []byte, n int) []byte {
	if len(b) <= n {
		return b
	}
	b = b[len(b)-n:]
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[i+1:]
	}
	return b
}
