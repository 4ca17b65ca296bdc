// helpers_test.go: what the binding's tests share: the emulator from TSC_TEST_URL (as for the C
// test programs), a signed-in server, the default project, sample files, unique names.
package tsc_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"libtsc.dev/tsc"
)

var seq int64

// unique returns a name no other test uses.
func unique(prefix string) string {
	return fmt.Sprintf("%s %d-%d", prefix, os.Getpid(), atomic.AddInt64(&seq, 1))
}

func mustEnv(t testing.TB, name string) string {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		t.Fatalf("%s is not set (tests/binding_go.rs sets it)", name)
	}
	return v
}

// newServer returns an unsigned-in server for TSC_TEST_URL, closed at the end of the test.
func newServer(t testing.TB) *tsc.Server {
	t.Helper()
	opts, err := tsc.NewServerOptions(mustEnv(t, "TSC_TEST_URL"))
	check(t, err)
	defer opts.Close()
	srv, err := tsc.NewServer(opts)
	check(t, err)
	t.Cleanup(srv.Close)
	return srv
}

// signIn returns a server signed in as admin on the Default site.
func signIn(t testing.TB) *tsc.Server {
	t.Helper()
	srv := newServer(t)
	creds, err := tsc.NewCredentialsPassword("admin", "admin", "")
	check(t, err)
	defer creds.Close()
	check(t, srv.Auth().SignIn(creds))
	return srv
}

// defaultProject is the LUID of the Default site's "default" project.
func defaultProject(t testing.TB, srv *tsc.Server) string {
	t.Helper()
	ro, err := tsc.NewRequestOptions()
	check(t, err)
	defer ro.Close()
	check(t, ro.AddFilter("name", tsc.FilterOpEq, "default"))
	list, err := srv.Projects().Get(ro)
	check(t, err)
	defer list.Close()
	if list.Count() != 1 {
		t.Fatalf("%d projects named default", list.Count())
	}
	return list.Get(0).ID()
}

func sample(t testing.TB, name string) string {
	t.Helper()
	p := filepath.Join(mustEnv(t, "TSC_TEST_SAMPLES"), name)
	if _, err := os.Stat(p); err != nil {
		t.Fatal(err)
	}
	return p
}

func check(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
}

// asTsc returns err as a *tsc.Error, failing the test when it is not one.
func asTsc(t testing.TB, err error) *tsc.Error {
	t.Helper()
	var e *tsc.Error
	if !errors.As(err, &e) {
		t.Fatalf("want a *tsc.Error, got %T %v", err, err)
	}
	return e
}

// publishSample publishes a fresh copy of Superstore.twbx, named `name` made unique, into the
// default project; it is deleted and closed at the end of the test.
func publishSample(t *testing.T, srv *tsc.Server, name string) *tsc.Workbook {
	t.Helper()
	item, err := tsc.NewWorkbook(unique(name), defaultProject(t, srv))
	check(t, err)
	defer item.Close()
	wb, _, err := srv.Workbooks().Publish(context.Background(), item, sample(t, "Superstore.twbx"), tsc.PublishModeCreateNew, nil, nil)
	check(t, err)
	t.Cleanup(func() {
		_ = srv.Workbooks().Delete(wb.ID())
		wb.Close()
	})
	return wb
}
