// schedules_test.go: schedules of each frequency round trip, invalid intervals are refused by
// the server, and a data source added to a schedule is one of its extract refresh tasks.
package tsc_test

import (
	"testing"

	"libtsc.dev/tsc"
)

func TestSchedulesRoundTripAndRefusals(t *testing.T) {
	srv := signIn(t)
	cases := []struct{ freq, end, intervals string }{
		{"Hourly", "18:00:00", "minutes=30"},
		{"Daily", "", "hours=6"},
		{"Weekly", "", "weekDay=Tuesday,weekDay=Thursday"},
		{"Monthly", "", "monthDay=LastDay"},
	}
	var extract string
	for _, c := range cases {
		s, err := tsc.NewSchedule(unique(c.freq), "Extract", c.freq, "06:00:00")
		check(t, err)
		if c.end != "" {
			check(t, s.SetEndTime(c.end))
		}
		check(t, s.SetIntervals(c.intervals))
		got, err := srv.Schedules().Create(s)
		s.Close()
		check(t, err)
		defer got.Close()
		if got.Frequency() != c.freq || got.Intervals() != c.intervals || got.ID() == "" {
			t.Fatalf("%s: got %s %q", c.freq, got.Frequency(), got.Intervals())
		}
		byID, err := srv.Schedules().GetByID(got.ID())
		check(t, err)
		if byID.Intervals() != c.intervals {
			t.Fatalf("%s by id: %q", c.freq, byID.Intervals())
		}
		byID.Close()
		if c.freq == "Daily" {
			extract = got.ID()
		}
		defer func(id string) { check(t, srv.Schedules().Delete(id)) }(got.ID())
	}

	// the server refuses intervals that do not fit the frequency
	s, err := tsc.NewSchedule(unique("Bad"), "Extract", "Hourly", "06:00:00")
	check(t, err)
	defer s.Close()
	check(t, s.SetEndTime("18:00:00"))
	check(t, s.SetIntervals("hours=5"))
	_, err = srv.Schedules().Create(s)
	wantStatus(t, err, tsc.StatusBadRequest, "hours")

	ds := publishDatasource(t, srv)
	check(t, srv.Schedules().AddDatasource(extract, ds.ID()))
	list, err := srv.Schedules().GetExtractRefreshTasks(extract, nil)
	check(t, err)
	defer list.Close()
	if list.Count() != 1 || list.Get(0).DatasourceID() != ds.ID() {
		t.Fatalf("%d extract tasks", list.Count())
	}
}

func TestTaskRunNowWaits(t *testing.T) {
	srv := signIn(t)
	s, err := tsc.NewSchedule(unique("Tasks"), "Extract", "Daily", "05:00:00")
	check(t, err)
	sched, err := srv.Schedules().Create(s)
	s.Close()
	check(t, err)
	defer sched.Close()
	defer func() { check(t, srv.Schedules().Delete(sched.ID())) }()
	ds := publishDatasource(t, srv)
	check(t, srv.Schedules().AddDatasource(sched.ID(), ds.ID()))
	list, err := srv.Tasks().Get("", nil)
	check(t, err)
	defer list.Close()
	var taskID string
	for _, task := range list.Items() {
		if task.DatasourceID() == ds.ID() {
			taskID = task.ID()
			if task.TaskType() != "extractRefresh" || task.ScheduleID() != sched.ID() {
				t.Fatalf("task %s on %s", task.TaskType(), task.ScheduleID())
			}
		}
	}
	if taskID == "" {
		t.Fatalf("no task for the data source among %d", list.Count())
	}
	job, err := srv.Tasks().Run(taskID)
	check(t, err)
	defer job.Close()
	done, err := srv.Jobs().WaitForJob(job.ID(), 60000, nil)
	check(t, err)
	defer done.Close()
	if done.FinishCode() != 0 || done.DatasourceID() != ds.ID() {
		t.Fatalf("run: code %d for %s", done.FinishCode(), done.DatasourceID())
	}
	check(t, srv.Tasks().Delete(taskID, ""))
	_, err = srv.Tasks().GetByID(taskID)
	wantStatus(t, err, tsc.StatusNotFound, taskID)
}
