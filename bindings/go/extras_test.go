// extras_test.go: the content methods beyond the seed from Go: deleting a view.
package tsc_test

import (
	"context"
	"errors"
	"testing"

	"libtsc.dev/tsc"
)

// publishSample publishes a fresh copy of Superstore.twbx into the default project; deleted at
// the end of the test.
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

func TestViewsDelete(t *testing.T) {
	srv := signIn(t)
	wb := publishSample(t, srv, "Go Extras Views")
	views, err := srv.Workbooks().PopulateViews(wb, false)
	check(t, err)
	before := views.Count()
	gone := views.Get(0).ID()
	views.Close()
	check(t, srv.Views().Delete(gone))
	after, err := srv.Workbooks().PopulateViews(wb, false)
	check(t, err)
	defer after.Close()
	if after.Count() != before-1 {
		t.Fatalf("%d views after deleting one of %d", after.Count(), before)
	}
	for i := 0; i < after.Count(); i++ {
		if after.Get(i).ID() == gone {
			t.Fatal("the deleted view is still listed")
		}
	}
	err = srv.Views().Delete(gone)
	if !errors.Is(err, tsc.ErrNotFound) || asTsc(t, err).ServerCode != "404011" {
		t.Fatalf("deleting again: %v", err)
	}
}
