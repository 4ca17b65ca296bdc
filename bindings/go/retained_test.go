// retained_test.go: the retained callbacks: a LogFunc kept by every server made from the
// options (after the options are closed and collected; called from pager read-ahead threads
// too), and a JWTSource kept by the server after the credentials are closed, called again when
// the session expired; a failing or panicking source aborts the sign-in.
package tsc_test

import (
	"errors"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"

	"libtsc.dev/tsc"
)

type logSink struct {
	mu      sync.Mutex
	lines   []string
	threads map[int]bool
}

func (s *logSink) log(level int32, message string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lines = append(s.lines, message)
	if s.threads == nil {
		s.threads = map[int]bool{}
	}
	s.threads[syscall.Gettid()] = true
}

func (s *logSink) has(part string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, l := range s.lines {
		if strings.Contains(l, part) {
			return true
		}
	}
	return false
}

// loggingServer is a server whose options (closed and collected already) log to sink.
func loggingServer(t *testing.T, sink *logSink) *tsc.Server {
	t.Helper()
	opts, err := tsc.NewServerOptions(mustEnv(t, "TSC_TEST_URL"))
	check(t, err)
	check(t, opts.SetLog(tsc.LogLevelDebug, sink.log))
	srv, err := tsc.NewServer(opts)
	check(t, err)
	t.Cleanup(srv.Close)
	opts.Close()
	opts = nil
	runtime.GC()
	runtime.GC()
	return srv
}

func passwordSignIn(t *testing.T, srv *tsc.Server) {
	t.Helper()
	creds, err := tsc.NewCredentialsPassword("admin", "admin", "")
	check(t, err)
	defer creds.Close()
	check(t, srv.Auth().SignIn(creds))
}

func TestLogFuncOutlivesTheOptions(t *testing.T) {
	sink := &logSink{}
	srv := loggingServer(t, sink)
	passwordSignIn(t, srv)
	list, err := srv.Projects().Get(nil)
	check(t, err)
	list.Close()
	if !sink.has("-> 200") {
		t.Fatalf("no line with -> 200 in %q", sink.lines)
	}
	// a panicking LogFunc is recovered: the calls succeed
	opts, err := tsc.NewServerOptions(mustEnv(t, "TSC_TEST_URL"))
	check(t, err)
	defer opts.Close()
	check(t, opts.SetLog(tsc.LogLevelDebug, func(int32, string) { panic("log") }))
	srv2, err := tsc.NewServer(opts)
	check(t, err)
	defer srv2.Close()
	passwordSignIn(t, srv2)
}

func TestLogFuncFromSeveralThreads(t *testing.T) {
	sink := &logSink{}
	srv := loggingServer(t, sink)
	passwordSignIn(t, srv)
	prefix := unique("GoLog")
	makeProjects(t, srv, prefix, 12)
	ro, err := tsc.NewRequestOptions()
	check(t, err)
	defer ro.Close()
	check(t, ro.SetPageSize(2))
	check(t, ro.AddFilter("name", tsc.FilterOpHas, prefix))
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			pager, err := srv.Projects().Pager(ro, 4)
			if err != nil {
				t.Error(err)
				return
			}
			defer pager.Close()
			for {
				page, err := pager.Next()
				if err != nil {
					t.Error(err)
					return
				}
				if page == nil {
					return
				}
				page.Close()
			}
		}()
	}
	wg.Wait()
	runtime.GC()
	sink.mu.Lock()
	n := len(sink.threads)
	sink.mu.Unlock()
	if n < 2 {
		t.Fatalf("log lines from %d thread(s)", n)
	}
}

func TestJWTSourceSignsInAgain(t *testing.T) {
	jwt := mustEnv(t, "TSC_TEST_JWT")
	srv := newServer(t)
	var calls int32
	creds, err := tsc.NewCredentialsJWTSource(func() (string, error) {
		atomic.AddInt32(&calls, 1)
		return jwt, nil
	}, "")
	check(t, err)
	check(t, srv.Auth().SignIn(creds))
	creds.Close()
	creds = nil
	runtime.GC()
	runtime.GC()
	resp, err := http.Post(mustEnv(t, "TSC_TEST_URL")+"/_emulator/sessions/expire", "application/xml", nil)
	check(t, err)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("expire: %d", resp.StatusCode)
	}
	list, err := srv.Projects().Get(nil)
	check(t, err)
	list.Close()
	if n := atomic.LoadInt32(&calls); n != 2 {
		t.Fatalf("the source was called %d times", n)
	}
}

func TestFailingJWTSourceAbortsTheSignIn(t *testing.T) {
	for _, src := range []tsc.JWTSource{
		func() (string, error) { return "", errors.New("no token") },
		func() (string, error) { panic("no token") },
	} {
		srv := newServer(t)
		creds, err := tsc.NewCredentialsJWTSource(src, "")
		check(t, err)
		err = srv.Auth().SignIn(creds)
		creds.Close()
		if e := asTsc(t, err); e.Status != tsc.StatusAbortedByCallback {
			t.Fatalf("status %v", e.Status)
		}
	}
}

func TestPagerKeepsLoggingAfterTheServerIsClosed(t *testing.T) {
	sink := &logSink{}
	srv := loggingServer(t, sink)
	passwordSignIn(t, srv)
	makeProjects(t, signIn(t), unique("GoLogPager"), 3) // deleted through another server
	ro, err := tsc.NewRequestOptions()
	check(t, err)
	defer ro.Close()
	check(t, ro.SetPageSize(1))
	pager, err := srv.Projects().Pager(ro, 3)
	check(t, err)
	defer pager.Close()
	srv.Close()
	runtime.GC()
	runtime.GC()
	sink.mu.Lock()
	before := len(sink.lines)
	sink.mu.Unlock()
	pages := 0
	for {
		page, err := pager.Next()
		check(t, err)
		if page == nil {
			break
		}
		pages++
		page.Close()
	}
	sink.mu.Lock()
	after := len(sink.lines)
	sink.mu.Unlock()
	if pages < 3 || after <= before {
		t.Fatalf("%d pages, %d lines before, %d after", pages, before, after)
	}
}
