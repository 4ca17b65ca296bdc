// errors_test.go: errors carry the status, the HTTP status and Tableau's code, work with
// errors.Is/As, and misuse (a NUL in a string, a closed handle) is an error, not a crash.
package tsc_test

import (
	"errors"
	"strings"
	"testing"

	"libtsc.dev/tsc"
)

func TestNotFoundCarriesHTTPStatusAndCode(t *testing.T) {
	srv := signIn(t)
	_, err := srv.Projects().GetByID("00000000-0000-0000-0000-000000000000")
	if !errors.Is(err, tsc.ErrNotFound) || errors.Is(err, tsc.ErrConflict) {
		t.Fatalf("got %v", err)
	}
	var e *tsc.Error
	if !errors.As(err, &e) {
		t.Fatalf("not a *tsc.Error: %T", err)
	}
	if e.Status != tsc.StatusNotFound || e.HTTPStatus != 404 || !strings.HasPrefix(e.ServerCode, "404") || len(e.ServerCode) != 6 {
		t.Fatalf("fields: %+v", e)
	}
	if e.Summary == "" || !strings.Contains(e.Message, "tsc_projects_get_by_id") {
		t.Fatalf("summary %q message %q", e.Summary, e.Message)
	}
	if !errors.Is(err, &tsc.Error{Status: tsc.StatusNotFound}) {
		t.Fatal("an *Error with the same status does not match")
	}
	if tsc.StatusNotFound.String() == "" || e.Error() != e.Message {
		t.Fatalf("texts %q %q", tsc.StatusNotFound.String(), e.Error())
	}
}

func TestNulInAStringIsAnError(t *testing.T) {
	_, err := tsc.NewProject("bad\x00name")
	if !errors.Is(err, tsc.ErrInvalidArgument) {
		t.Fatalf("got %v", err)
	}
}

func TestCloseIsIdempotentAndBorrowedItemsDieWithTheirList(t *testing.T) {
	srv := signIn(t)
	list, err := srv.Projects().Get(nil)
	check(t, err)
	item := list.Get(0)
	if item.Name() == "" {
		t.Fatal("no name")
	}
	owned := item.Clone()
	list.Close()
	list.Close()
	if item.Name() != "" || item.ID() != "" {
		t.Fatal("a borrowed item outlived its list")
	}
	if owned.Name() == "" {
		t.Fatal("a clone died with the list")
	}
	owned.Close()
	owned.Close()
	if owned.Name() != "" {
		t.Fatal("a closed item still reads")
	}
	_, err = srv.Projects().Update(owned)
	if !errors.Is(err, tsc.ErrNullArgument) {
		t.Fatalf("a closed item passed to a call: %v", err)
	}
	srv.Close()
	srv.Close()
	_, err = srv.Projects().Get(nil)
	if !errors.Is(err, tsc.ErrNullArgument) {
		t.Fatalf("a closed server: %v", err)
	}
}
