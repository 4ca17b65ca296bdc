// permissions_test.go: permissions and default permissions through the Go binding: rules built
// in Go for a user, a group and a group set; grant, read back, deny, delete; the default
// permissions of every kind; a capability the kind does not have and unknown grantees refused.
package tsc_test

import (
	"errors"
	"net/http"
	"testing"

	"libtsc.dev/tsc"
)

const goGroupSet = "6a1d5c2e-0000-4000-8000-00000000060a"

func newProjectID(t *testing.T, srv *tsc.Server) string {
	t.Helper()
	item, err := tsc.NewProject(unique("Go Perms"))
	check(t, err)
	defer item.Close()
	p, err := srv.Projects().Create(item)
	check(t, err)
	defer p.Close()
	return p.ID()
}

// rulesOf is a list with one rule: grantee and capability/mode pairs.
func rulesOf(t *testing.T, kind int32, id string, caps ...int32) *tsc.PermissionsRuleList {
	t.Helper()
	r, err := tsc.NewPermissionsRule(kind, id)
	check(t, err)
	defer r.Close()
	for i := 0; i+1 < len(caps); i += 2 {
		check(t, r.SetCapability(caps[i], caps[i+1]))
	}
	l, err := tsc.NewPermissionsRuleList()
	check(t, err)
	check(t, l.Append(r))
	return l
}

func ruleFor(l *tsc.PermissionsRuleList, id string) *tsc.PermissionsRule {
	for _, r := range l.Items() {
		if r.GranteeID() == id {
			return r
		}
	}
	return nil
}

func TestPermissionsGrantReadDenyDelete(t *testing.T) {
	srv := signIn(t)
	p := newProjectID(t, srv)
	uitem, err := tsc.NewUser(unique("goperm"), "Explorer")
	check(t, err)
	defer uitem.Close()
	user, err := srv.Users().Add(uitem)
	check(t, err)
	defer user.Close()

	rules := rulesOf(t, tsc.GranteeTypeUser, user.ID(), tsc.CapabilityRead, tsc.PermissionAllow,
		tsc.CapabilityProjectLeader, tsc.PermissionAllow)
	out, err := srv.Projects().UpdatePermissions(p, rules)
	check(t, err)
	out.Close()
	rules.Close()

	got, err := srv.Projects().PopulatePermissions(p)
	check(t, err)
	r := ruleFor(got, user.ID())
	if r == nil || r.GranteeType() != tsc.GranteeTypeUser || r.CapabilityCount() != 2 ||
		r.Mode(tsc.CapabilityProjectLeader) != tsc.PermissionAllow || r.CapabilityName(0) != "Read" {
		t.Fatalf("read back: %v", r)
	}
	got.Close()

	deny := rulesOf(t, tsc.GranteeTypeUser, user.ID(), tsc.CapabilityProjectLeader, tsc.PermissionDeny)
	out, err = srv.Projects().UpdatePermissions(p, deny)
	check(t, err)
	out.Close()
	deny.Close()
	got, err = srv.Projects().PopulatePermissions(p)
	check(t, err)
	back := ruleFor(got, user.ID()).Clone()
	got.Close()
	defer back.Close()
	if back.Mode(tsc.CapabilityProjectLeader) != tsc.PermissionDeny || back.Mode(tsc.CapabilityRead) != tsc.PermissionAllow {
		t.Fatalf("after deny: %d %d", back.Mode(tsc.CapabilityProjectLeader), back.Mode(tsc.CapabilityRead))
	}
	check(t, srv.Projects().DeletePermission(p, back))
	got, err = srv.Projects().PopulatePermissions(p)
	check(t, err)
	if got.Count() != 0 {
		t.Fatalf("%d rules after delete", got.Count())
	}
	got.Close()
	if err := srv.Projects().DeletePermission(p, back); !errors.Is(err, tsc.ErrNotFound) {
		t.Fatalf("deleting again: %v", err)
	}
}

func TestDefaultPermissionsOfEveryKind(t *testing.T) {
	srv := signIn(t)
	p := newProjectID(t, srv)
	gitem, err := tsc.NewGroup(unique("Go Perm Group"))
	check(t, err)
	defer gitem.Close()
	group, err := srv.Groups().Create(gitem)
	check(t, err)
	defer group.Close()
	e := srv.Projects()
	type kind struct {
		name     string
		populate func(string) (*tsc.PermissionsRuleList, error)
		update   func(string, *tsc.PermissionsRuleList) (*tsc.PermissionsRuleList, error)
		remove   func(string, *tsc.PermissionsRule) error
	}
	kinds := []kind{
		{"workbook", e.PopulateWorkbookDefaultPermissions, e.UpdateWorkbookDefaultPermissions, e.DeleteWorkbookDefaultPermissions},
		{"datasource", e.PopulateDatasourceDefaultPermissions, e.UpdateDatasourceDefaultPermissions, e.DeleteDatasourceDefaultPermissions},
		{"flow", e.PopulateFlowDefaultPermissions, e.UpdateFlowDefaultPermissions, e.DeleteFlowDefaultPermissions},
		{"metric", e.PopulateMetricDefaultPermissions, e.UpdateMetricDefaultPermissions, e.DeleteMetricDefaultPermissions},
		{"datarole", e.PopulateDataroleDefaultPermissions, e.UpdateDataroleDefaultPermissions, e.DeleteDataroleDefaultPermissions},
		{"lens", e.PopulateLensDefaultPermissions, e.UpdateLensDefaultPermissions, e.DeleteLensDefaultPermissions},
		{"virtualconnection", e.PopulateVirtualconnectionDefaultPermissions, e.UpdateVirtualconnectionDefaultPermissions, e.DeleteVirtualconnectionDefaultPermissions},
		{"database", e.PopulateDatabaseDefaultPermissions, e.UpdateDatabaseDefaultPermissions, e.DeleteDatabaseDefaultPermissions},
		{"table", e.PopulateTableDefaultPermissions, e.UpdateTableDefaultPermissions, e.DeleteTableDefaultPermissions},
	}
	mode := func(i int) int32 {
		if i%2 == 0 {
			return tsc.PermissionAllow
		}
		return tsc.PermissionDeny
	}
	for i, k := range kinds {
		l := rulesOf(t, tsc.GranteeTypeGroup, group.ID(), tsc.CapabilityRead, mode(i))
		out, err := k.update(p, l)
		check(t, err)
		out.Close()
		l.Close()
	}
	for i, k := range kinds {
		got, err := k.populate(p)
		check(t, err)
		r := ruleFor(got, group.ID())
		if got.Count() != 1 || r == nil || r.GranteeType() != tsc.GranteeTypeGroup || r.Mode(tsc.CapabilityRead) != mode(i) {
			t.Fatalf("%s: %d rules", k.name, got.Count())
		}
		one := r.Clone()
		got.Close()
		check(t, k.remove(p, one))
		one.Close()
		got, err = k.populate(p)
		check(t, err)
		if got.Count() != 0 {
			t.Fatalf("%s after delete: %d", k.name, got.Count())
		}
		got.Close()
	}
}

func TestPermissionsRefusedAndGroupSets(t *testing.T) {
	srv := signIn(t)
	p := newProjectID(t, srv)
	const unknown = "00000000-0000-4000-8000-000000000000"

	bad := rulesOf(t, tsc.GranteeTypeUser, unknown, tsc.CapabilityRead, tsc.PermissionAllow)
	_, err := srv.Projects().UpdatePermissions(p, bad)
	bad.Close()
	if e := asTsc(t, err); !errors.Is(err, tsc.ErrNotFound) || e.ServerCode != "404002" {
		t.Fatalf("unknown user: %v", err)
	}
	bad = rulesOf(t, tsc.GranteeTypeGroup, unknown, tsc.CapabilityRead, tsc.PermissionAllow)
	_, err = srv.Projects().UpdateLensDefaultPermissions(p, bad)
	bad.Close()
	if e := asTsc(t, err); e.ServerCode != "404012" {
		t.Fatalf("unknown group: %v", err)
	}

	resp, err := http.Post(mustEnv(t, "TSC_TEST_URL")+"/_emulator/groupsets?site=&name=GoSet&id="+goGroupSet, "application/xml", nil)
	check(t, err)
	resp.Body.Close()
	if resp.StatusCode != 201 {
		t.Fatalf("group set: %d", resp.StatusCode)
	}
	// ProjectLeader is not a workbook capability.
	bad = rulesOf(t, tsc.GranteeTypeGroupSet, goGroupSet, tsc.CapabilityProjectLeader, tsc.PermissionAllow)
	_, err = srv.Projects().UpdateWorkbookDefaultPermissions(p, bad)
	bad.Close()
	if e := asTsc(t, err); !errors.Is(err, tsc.ErrBadRequest) || e.ServerCode != "400009" {
		t.Fatalf("invalid capability: %v", err)
	}
	ok := rulesOf(t, tsc.GranteeTypeGroupSet, goGroupSet, tsc.CapabilityExportXML, tsc.PermissionDeny)
	out, err := srv.Projects().UpdateWorkbookDefaultPermissions(p, ok)
	check(t, err)
	out.Close()
	ok.Close()
	got, err := srv.Projects().PopulateWorkbookDefaultPermissions(p)
	check(t, err)
	defer got.Close()
	r := ruleFor(got, goGroupSet)
	if r == nil || r.GranteeType() != tsc.GranteeTypeGroupSet || r.Capability(0) != tsc.CapabilityExportXML || r.CapabilityMode(0) != tsc.PermissionDeny {
		t.Fatalf("group set rule: %v", r)
	}
	if _, err := tsc.NewPermissionsRule(7, "x"); !errors.Is(err, tsc.ErrInvalidArgument) {
		t.Fatalf("grantee type 7: %v", err)
	}
}
