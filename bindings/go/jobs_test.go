// jobs_test.go: refresh → wait → success, a job that fails and one cancelled while waited on,
// a wait that times out and one cancelled from another goroutine, through the binding.
package tsc_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"libtsc.dev/tsc"
)

// emulator POSTs to one of the emulator's /_emulator/ control endpoints.
func emulator(t *testing.T, path string) {
	t.Helper()
	resp, err := http.Post(mustEnv(t, "TSC_TEST_URL")+path, "application/xml", nil)
	check(t, err)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("POST %s: %d", path, resp.StatusCode)
	}
}

func publishDatasource(t *testing.T, srv *tsc.Server) *tsc.Datasource {
	t.Helper()
	item, err := tsc.NewDatasource(unique("Refreshed"), defaultProject(t, srv))
	check(t, err)
	defer item.Close()
	ds, job, err := srv.Datasources().Publish(context.Background(), item, sample(t, "Extract.hyper"), tsc.PublishModeCreateNew, nil, nil)
	check(t, err)
	job.Close()
	t.Cleanup(ds.Close)
	return ds
}

func wantStatus(t *testing.T, err error, status tsc.Status, part string) {
	t.Helper()
	if err == nil {
		t.Fatalf("want status %d, got success", status)
	}
	e := asTsc(t, err)
	if e.Status != status || !strings.Contains(e.Message, part) {
		t.Fatalf("want status %d with %q, got %d: %s", status, part, e.Status, e.Message)
	}
}

func TestRefreshWaitSucceeds(t *testing.T) {
	srv := signIn(t)
	ds := publishDatasource(t, srv)
	emulator(t, "/_emulator/settings?jobDelayMs=300")
	defer emulator(t, "/_emulator/settings?jobDelayMs=0")
	job, err := srv.Datasources().Refresh(ds.ID(), false)
	check(t, err)
	defer job.Close()
	if job.JobType() != "RefreshExtract" || job.DatasourceID() != ds.ID() || job.CompletedAt() != "" {
		t.Fatalf("job %s %s %s", job.JobType(), job.DatasourceID(), job.CompletedAt())
	}
	_, err = srv.Datasources().Refresh(ds.ID(), false)
	if e := asTsc(t, err); e.Status != tsc.StatusConflict || e.ServerCode != "409093" {
		t.Fatalf("duplicate refresh: %v", err)
	}
	done, err := srv.Jobs().WaitForJob(job.ID(), 0, nil)
	check(t, err)
	defer done.Close()
	if done.FinishCode() != 0 || done.Progress() != 100 || done.CompletedAt() == "" ||
		!strings.Contains(done.Notes(), "Finished") {
		t.Fatalf("ended job: code %d progress %d notes %q", done.FinishCode(), done.Progress(), done.Notes())
	}
}

func TestWaitFailedCancelledTimeout(t *testing.T) {
	srv := signIn(t)
	ds := publishDatasource(t, srv)

	emulator(t, "/_emulator/jobOutcomes?finishCode=1&notes=disk%20full")
	job, err := srv.Datasources().Refresh(ds.ID(), false)
	check(t, err)
	_, err = srv.Jobs().WaitForJob(job.ID(), 0, nil)
	wantStatus(t, err, tsc.StatusJobFailed, "disk full")
	job.Close()

	emulator(t, "/_emulator/settings?jobDelayMs=600000")
	defer emulator(t, "/_emulator/settings?jobDelayMs=0")
	job, err = srv.Datasources().Refresh(ds.ID(), false)
	check(t, err)
	defer job.Close()
	_, err = srv.Jobs().WaitForJob(job.ID(), 100, nil)
	wantStatus(t, err, tsc.StatusTimeout, job.ID())

	// a cancel token cancelled from another goroutine
	token, err := tsc.NewCancelToken()
	check(t, err)
	defer token.Close()
	errs := make(chan error)
	go func() {
		_, err := srv.Jobs().WaitForJob(job.ID(), 0, token)
		errs <- err
	}()
	token.Cancel()
	wantStatus(t, <-errs, tsc.StatusCancelled, "cancel token")

	// the job cancelled on the server while a goroutine waits on it
	go func() {
		_, err := srv.Jobs().WaitForJob(job.ID(), 0, nil)
		errs <- err
	}()
	check(t, srv.Jobs().Cancel(job.ID()))
	err = <-errs
	wantStatus(t, err, tsc.StatusJobCancelled, job.ID())
	if !errors.Is(err, tsc.StatusJobCancelled) {
		t.Fatalf("errors.Is: %v", err)
	}
}

func TestActiveDirectoryGroupImportAsJob(t *testing.T) {
	srv := signIn(t)
	emulator(t, "/_emulator/settings?activeDirectory=true")
	defer emulator(t, "/_emulator/settings?activeDirectory=false")
	g, err := tsc.NewGroup(unique("AD"))
	check(t, err)
	defer g.Close()
	check(t, g.SetDomainName("example.com"))
	check(t, g.SetMinimumSiteRole("Viewer"))
	job, err := srv.Groups().CreateAsJob(g)
	check(t, err)
	defer job.Close()
	if job.JobType() != "GroupImport" {
		t.Fatalf("job type %q", job.JobType())
	}
	done, err := srv.Jobs().WaitForJob(job.ID(), 60000, nil)
	check(t, err)
	done.Close()
	local, err := tsc.NewGroup(unique("Local"))
	check(t, err)
	defer local.Close()
	_, err = srv.Groups().UpdateAsJob(local)
	wantStatus(t, err, tsc.StatusInvalidArgument, "")
}

func TestUpdateHyperDataReturnsAJob(t *testing.T) {
	srv := signIn(t)
	ds := publishDatasource(t, srv)
	job, err := srv.Datasources().UpdateHyperData(ds.ID(), unique("request"), `[{"action": "delete", "target-table": "Extract"}]`, "")
	check(t, err)
	defer job.Close()
	done, err := srv.Jobs().WaitForJob(job.ID(), 60000, nil)
	check(t, err)
	defer done.Close()
	if done.JobType() != "UpdateHyperData" || done.DatasourceID() != ds.ID() {
		t.Fatalf("job %s for %s", done.JobType(), done.DatasourceID())
	}
}
