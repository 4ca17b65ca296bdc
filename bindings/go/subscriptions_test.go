// subscriptions_test.go: a subscription to a workbook round trips (create, get, update,
// delete) through the binding.
package tsc_test

import (
	"testing"

	"libtsc.dev/tsc"
)

func TestSubscriptionRoundTrip(t *testing.T) {
	srv := signIn(t)
	me, err := srv.UserID()
	check(t, err)
	s, err := tsc.NewSchedule(unique("Subscriptions"), "Subscription", "Weekly", "08:00:00")
	check(t, err)
	check(t, s.SetIntervals("weekDay=Monday"))
	sched, err := srv.Schedules().Create(s)
	s.Close()
	check(t, err)
	defer sched.Close()
	defer func() { check(t, srv.Schedules().Delete(sched.ID())) }()
	wb := publishWorkbook(t, srv, unique("Subscribed"), nil)

	item, err := tsc.NewSubscription("Weekly numbers", sched.ID(), me, "Workbook", wb.ID())
	check(t, err)
	defer item.Close()
	check(t, item.SetAttachPdf(1))
	sub, err := srv.Subscriptions().Create(item)
	check(t, err)
	defer sub.Close()
	if sub.Subject() != "Weekly numbers" || sub.ContentID() != wb.ID() || sub.AttachPdf() != 1 || sub.UserID() != me {
		t.Fatalf("created %q %s pdf %d", sub.Subject(), sub.ContentID(), sub.AttachPdf())
	}
	u := sub.Clone()
	defer u.Close()
	check(t, u.SetSubject("Monday numbers"))
	check(t, u.SetSuspended(1))
	upd, err := srv.Subscriptions().Update(u)
	check(t, err)
	defer upd.Close()
	got, err := srv.Subscriptions().GetByID(sub.ID())
	check(t, err)
	defer got.Close()
	if got.Subject() != "Monday numbers" || got.Suspended() != 1 {
		t.Fatalf("updated %q suspended %d", got.Subject(), got.Suspended())
	}
	check(t, srv.Subscriptions().Delete(sub.ID()))
	_, err = srv.Subscriptions().GetByID(sub.ID())
	wantStatus(t, err, tsc.StatusNotFound, sub.ID())
}
