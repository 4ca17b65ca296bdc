// callbacks_test.go: cancellation through a context.Context, callbacks that fail or panic
// (the transfer is aborted and the panic comes back on the calling goroutine, never into C).
package tsc_test

import (
	"bytes"
	"context"
	"errors"
	"math/rand"
	"os"
	"path/filepath"
	"testing"
	"time"

	"libtsc.dev/tsc"
)

// bigHyper writes a .hyper file of size bytes (the magic header, then noise).
func bigHyper(t *testing.T, size int) string {
	t.Helper()
	data := make([]byte, size)
	rand.New(rand.NewSource(7)).Read(data)
	copy(data, []byte{'H', 'y', 'p', 'e', 'r', 8, 0, 0, 1, 0, 0, 0})
	p := filepath.Join(t.TempDir(), "Big.hyper")
	check(t, os.WriteFile(p, data, 0o644))
	return p
}

func datasourcesNamed(t *testing.T, srv *tsc.Server, name string) int {
	t.Helper()
	ro, err := tsc.NewRequestOptions()
	check(t, err)
	defer ro.Close()
	check(t, ro.AddFilter("name", tsc.FilterOpEq, name))
	l, err := srv.Datasources().Get(ro)
	check(t, err)
	defer l.Close()
	return l.Count()
}

func TestContextCancelsAnUpload(t *testing.T) {
	srv := signIn(t)
	path := bigHyper(t, 1<<20+123)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	o, err := tsc.NewTransferOptions()
	check(t, err)
	defer o.Close()
	check(t, o.SetChunkSize(64*1024))
	check(t, o.SetSingleRequestLimit(128*1024))
	var last uint64
	check(t, o.SetProgress(func(done uint64, total int64) error {
		last = done
		if done >= 300*1024 {
			cancel()
			time.Sleep(50 * time.Millisecond) // the watching goroutine cancels the token
		}
		return nil
	}))
	name := unique("Go Cancelled")
	item, err := tsc.NewDatasource(name, defaultProject(t, srv))
	check(t, err)
	defer item.Close()
	ds, _, err := srv.Datasources().Publish(ctx, item, path, tsc.PublishModeCreateNew, nil, o)
	if ds != nil || !errors.Is(err, tsc.ErrCancelled) || !errors.Is(err, context.Canceled) {
		t.Fatalf("want cancelled, got %v", err)
	}
	if last >= 1<<20+123 {
		t.Fatal("the upload ran to the end")
	}
	if datasourcesNamed(t, srv, name) != 0 {
		t.Fatal("a cancelled upload was committed")
	}
	// The options are usable again, without the call's token.
	ds, _, err = srv.Datasources().Publish(context.Background(), item, path, tsc.PublishModeCreateNew, nil, nil)
	check(t, err)
	ds.Close()
}

func TestDoneContextFailsBeforeTheCall(t *testing.T) {
	srv := signIn(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var buf bytes.Buffer
	err := srv.Workbooks().DownloadToWriter(ctx, "00000000-0000-0000-0000-000000000000", &buf, nil)
	if !errors.Is(err, tsc.ErrCancelled) || !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v", err)
	}
}

func TestDeadlineCancelsADownload(t *testing.T) {
	srv := signIn(t)
	wb := publishWorkbook(t, srv, unique("Go Deadline"), nil)
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	// A live context that never fires changes nothing.
	var buf bytes.Buffer
	check(t, srv.Workbooks().DownloadToWriter(ctx, wb.ID(), &buf, nil))
	if buf.Len() == 0 {
		t.Fatal("nothing downloaded")
	}
}

var errStop = errors.New("stop here")

type failingWriter struct{ n int }

func (w *failingWriter) Write(p []byte) (int, error) {
	w.n += len(p)
	return 0, errStop
}

func TestWriterErrorAbortsWithItsCause(t *testing.T) {
	srv := signIn(t)
	wb := publishWorkbook(t, srv, unique("Go Writer Error"), nil)
	err := srv.Workbooks().DownloadToWriter(context.Background(), wb.ID(), &failingWriter{}, nil)
	if !errors.Is(err, tsc.ErrAbortedByCallback) || !errors.Is(err, errStop) {
		t.Fatalf("got %v", err)
	}
	if e := asTsc(t, err); e.CallbackCode == 0 {
		t.Fatalf("callback code %d", e.CallbackCode)
	}
}

type panickingWriter struct{}

func (panickingWriter) Write(p []byte) (int, error) { panic("boom in writer") }

// recovered runs f and returns the *tsc.CallbackPanic it panicked with.
func recovered(t *testing.T, f func()) (p *tsc.CallbackPanic) {
	t.Helper()
	defer func() {
		r := recover()
		var ok bool
		if p, ok = r.(*tsc.CallbackPanic); !ok {
			t.Fatalf("want a *tsc.CallbackPanic, got %T %v", r, r)
		}
	}()
	f()
	return nil
}

func TestPanickingWriterAbortsAndRepanics(t *testing.T) {
	srv := signIn(t)
	wb := publishWorkbook(t, srv, unique("Go Panic"), nil)
	p := recovered(t, func() {
		_ = srv.Workbooks().DownloadToWriter(context.Background(), wb.ID(), panickingWriter{}, nil)
	})
	if p.Value != "boom in writer" || p.Err == nil || p.Err.Status != tsc.StatusAbortedByCallback {
		t.Fatalf("panic %+v", p)
	}
	// The server still works after the panic.
	list, err := srv.Workbooks().Get(nil)
	check(t, err)
	list.Close()
}

func TestPanickingProgressAbortsTheUpload(t *testing.T) {
	srv := signIn(t)
	o, err := tsc.NewTransferOptions()
	check(t, err)
	defer o.Close()
	check(t, o.SetProgress(func(done uint64, total int64) error {
		if done > 0 {
			panic(errStop)
		}
		return nil
	}))
	name := unique("Go Panic Upload")
	item, err := tsc.NewDatasource(name, defaultProject(t, srv))
	check(t, err)
	defer item.Close()
	path := bigHyper(t, 512*1024)
	p := recovered(t, func() {
		_, _, _ = srv.Datasources().Publish(context.Background(), item, path, tsc.PublishModeCreateNew, nil, o)
	})
	if p.Value != errStop || p.Err == nil || p.Err.Status != tsc.StatusAbortedByCallback {
		t.Fatalf("panic %+v", p)
	}
	if datasourcesNamed(t, srv, name) != 0 {
		t.Fatal("an aborted upload was committed")
	}
	// Without the panicking callback the same options publish.
	check(t, o.SetProgress(nil))
	ds, _, err := srv.Datasources().Publish(context.Background(), item, path, tsc.PublishModeCreateNew, nil, o)
	check(t, err)
	ds.Close()
}

type failingReader struct{}

func (failingReader) Read(p []byte) (int, error) { return 0, errStop }

func TestReaderErrorAbortsThePublish(t *testing.T) {
	srv := signIn(t)
	item, err := tsc.NewDatasource(unique("Go Reader Error"), defaultProject(t, srv))
	check(t, err)
	defer item.Close()
	_, _, err = srv.Datasources().PublishFromReader(context.Background(), item, "X.hyper", 1000, failingReader{}, tsc.PublishModeCreateNew, nil, nil)
	if !errors.Is(err, tsc.ErrAbortedByCallback) || !errors.Is(err, errStop) {
		t.Fatalf("got %v", err)
	}
}
