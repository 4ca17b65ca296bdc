// extras_test.go: the content methods beyond the seed from Go: deleting a view; a workbook's data
// acceleration and freshness policy, with the views' acceleration status; many connections updated
// at once; projects with the sample workbooks; upload sessions.
package tsc_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"libtsc.dev/tsc"
)

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

func TestWorkbookAccelerationAndFreshness(t *testing.T) {
	srv := signIn(t)
	wb := publishSample(t, srv, "Go Extras Acceleration")
	edit := wb.Clone()
	defer edit.Close()
	check(t, edit.SetDataAccelerationEnabled(1))
	check(t, edit.SetDataAccelerationAccelerateNow(1))
	check(t, edit.SetDataFreshnessPolicy("FreshEvery"))
	check(t, edit.SetDataFreshnessEveryFrequency("Minutes"))
	check(t, edit.SetDataFreshnessEveryValue("30"))
	up, err := srv.Workbooks().UpdateWithViewAccelerationStatus(edit)
	check(t, err)
	defer up.Close()
	if up.DataAccelerationEnabled() != 1 || up.DataAccelerationStatus() != "Accelerated" {
		t.Fatalf("acceleration %d %q", up.DataAccelerationEnabled(), up.DataAccelerationStatus())
	}
	views, err := up.Views()
	check(t, err)
	defer views.Close()
	if views.Count() == 0 || views.Get(0).DataAccelerationStatus() != "Accelerated" {
		t.Fatalf("%d views, first status %q", views.Count(), views.Get(0).DataAccelerationStatus())
	}
	got, err := srv.Workbooks().GetByID(wb.ID())
	check(t, err)
	defer got.Close()
	if got.DataFreshnessPolicy() != "FreshEvery" || got.DataFreshnessEveryFrequency() != "Minutes" || got.DataFreshnessEveryValue() != "30" {
		t.Fatalf("policy %q %q %q", got.DataFreshnessPolicy(), got.DataFreshnessEveryFrequency(), got.DataFreshnessEveryValue())
	}
	check(t, edit.SetDataFreshnessEveryValue(""))
	if _, err := srv.Workbooks().Update(edit); !errors.Is(err, tsc.ErrInvalidArgument) {
		t.Fatalf("FreshEvery without a value: %v", err)
	}
}

func TestUpdateConnectionsAtOnce(t *testing.T) {
	srv := signIn(t)
	wb := publishSample(t, srv, "Go Extras Connections")
	conns, err := srv.Workbooks().PopulateConnections(wb)
	check(t, err)
	ids := make([]string, 0, conns.Count())
	for i := 0; i < conns.Count(); i++ {
		ids = append(ids, conns.Get(i).ID())
	}
	conns.Close()
	up, err := srv.Workbooks().UpdateConnections(wb, ids, "username-password", "go-svc", "pw", 1)
	check(t, err)
	defer up.Close()
	if up.Count() != len(ids) || up.Get(0).Username() != "go-svc" || up.Get(0).AuthType() != "username-password" {
		t.Fatalf("%d updated, first %q %q", up.Count(), up.Get(0).Username(), up.Get(0).AuthType())
	}
	_, err = srv.Workbooks().UpdateConnections(wb, []string{"00000000-0000-0000-0000-000000000000"}, "oauth", "", "", -1)
	if !errors.Is(err, tsc.ErrNotFound) || asTsc(t, err).ServerCode != "404020" {
		t.Fatalf("unknown connection: %v", err)
	}
}

func TestProjectsWithSamplesAndFileUploads(t *testing.T) {
	srv := signIn(t)
	item, err := tsc.NewProject(unique("Go Extras Samples"))
	check(t, err)
	defer item.Close()
	p, err := srv.Projects().CreateWithSamples(item)
	check(t, err)
	defer p.Close()
	defer func() { check(t, srv.Projects().Delete(p.ID())) }()
	ro, err := tsc.NewRequestOptions()
	check(t, err)
	defer ro.Close()
	check(t, ro.AddFilter("projectId", tsc.FilterOpEq, p.ID()))
	wbs, err := srv.Workbooks().Get(ro)
	check(t, err)
	defer wbs.Close()
	if wbs.Count() != 2 {
		t.Fatalf("%d sample workbooks in the project", wbs.Count())
	}

	id, err := srv.Fileuploads().Initiate()
	check(t, err)
	if id == "" {
		t.Fatal("no upload session id")
	}
	chunk := "<datasource/>"
	check(t, srv.Fileuploads().AppendFromReader(context.Background(), id, "chunk.bin", uint64(len(chunk)), strings.NewReader(chunk), nil))
	err = srv.Fileuploads().Append(context.Background(), "7720:00000000000000000000000000000000-1:0", sample(t, "Sales.tds"), nil)
	if !errors.Is(err, tsc.ErrNotFound) || asTsc(t, err).ServerCode != "404015" {
		t.Fatalf("unknown session: %v", err)
	}
}
