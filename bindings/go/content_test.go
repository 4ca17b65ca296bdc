// content_test.go: sites, projects (create, get, update, delete), users, groups, favorites.
package tsc_test

import (
	"errors"
	"testing"

	"libtsc.dev/tsc"
)

func TestSites(t *testing.T) {
	srv := signIn(t)
	all, err := srv.Sites().Get(nil)
	check(t, err)
	defer all.Close()
	if all.Count() < 1 {
		t.Fatal("no sites")
	}
	url := "gosite"
	item, err := tsc.NewSite("Go Site", url)
	check(t, err)
	defer item.Close()
	site, err := srv.Sites().Create(item)
	check(t, err)
	defer site.Close()
	got, err := srv.Sites().GetByContentURL(url)
	check(t, err)
	defer got.Close()
	if got.ID() != site.ID() || got.Name() != "Go Site" {
		t.Fatalf("got %q %q", got.ID(), got.Name())
	}
	change := got.Clone()
	defer change.Close()
	check(t, change.SetName("Go Site Renamed"))
	updated, err := srv.Sites().Update(change)
	check(t, err)
	defer updated.Close()
	if updated.Name() != "Go Site Renamed" {
		t.Fatalf("updated name %q", updated.Name())
	}
	check(t, srv.Sites().Delete(site.ID()))
	_, err = srv.Sites().GetByID(site.ID())
	if !errors.Is(err, tsc.ErrNotFound) {
		t.Fatalf("deleted site: %v", err)
	}
}

func TestProjectsCreateGetUpdateDelete(t *testing.T) {
	srv := signIn(t)
	name := unique("Go Project")
	item, err := tsc.NewProject(name)
	check(t, err)
	defer item.Close()
	check(t, item.SetDescription("made by Go"))
	p, err := srv.Projects().Create(item)
	check(t, err)
	defer p.Close()
	if p.ID() == "" || p.Name() != name || p.Description() != "made by Go" {
		t.Fatalf("created %q %q %q", p.ID(), p.Name(), p.Description())
	}
	got, err := srv.Projects().GetByID(p.ID())
	check(t, err)
	defer got.Close()
	if got.Name() != name {
		t.Fatalf("get by id: %q", got.Name())
	}
	byPath, err := srv.Projects().GetByPath(name)
	check(t, err)
	defer byPath.Close()
	if byPath.ID() != p.ID() {
		t.Fatalf("get by path: %q, want %q", byPath.ID(), p.ID())
	}
	if _, err := srv.Projects().GetByPath(name + "/no such child"); !errors.Is(err, tsc.ErrNotFound) {
		t.Fatalf("get by a missing path: %v", err)
	}
	change := got.Clone()
	defer change.Close()
	check(t, change.SetName(name+" v2"))
	check(t, change.SetDescription(""))
	up, err := srv.Projects().Update(change)
	check(t, err)
	defer up.Close()
	if up.Name() != name+" v2" {
		t.Fatalf("updated %q", up.Name())
	}
	_, err = srv.Projects().Create(change)
	if !errors.Is(err, tsc.ErrConflict) || asTsc(t, err).HTTPStatus != 409 {
		t.Fatalf("duplicate project: %v", err)
	}
	check(t, srv.Projects().Delete(p.ID()))
	_, err = srv.Projects().GetByID(p.ID())
	if !errors.Is(err, tsc.ErrNotFound) {
		t.Fatalf("deleted project: %v", err)
	}
}

func TestUsersAndGroups(t *testing.T) {
	srv := signIn(t)
	uitem, err := tsc.NewUser("gopher", "Viewer")
	check(t, err)
	defer uitem.Close()
	user, err := srv.Users().Add(uitem)
	check(t, err)
	defer user.Close()
	if user.ID() == "" || user.Name() != "gopher" || user.SiteRole() != "Viewer" {
		t.Fatalf("user %q %q %q", user.ID(), user.Name(), user.SiteRole())
	}
	gitem, err := tsc.NewGroup(unique("Go Group"))
	check(t, err)
	defer gitem.Close()
	group, err := srv.Groups().Create(gitem)
	check(t, err)
	defer group.Close()
	added, err := srv.Groups().AddUser(group, user.ID())
	check(t, err)
	added.Close()
	members, err := srv.Groups().PopulateUsers(group, nil)
	check(t, err)
	if members.Count() != 1 || members.Get(0).ID() != user.ID() {
		t.Fatalf("members: %d", members.Count())
	}
	members.Close()
	groups, err := srv.Users().PopulateGroups(user, nil)
	check(t, err)
	found := false
	for _, g := range groups.Items() {
		found = found || g.ID() == group.ID()
	}
	groups.Close()
	if !found {
		t.Fatal("the user's groups miss the group")
	}
	check(t, srv.Groups().RemoveUser(group, user.ID()))
	members, err = srv.Groups().PopulateUsers(group, nil)
	check(t, err)
	if members.Count() != 0 {
		t.Fatalf("members after removal: %d", members.Count())
	}
	members.Close()
	check(t, srv.Groups().Delete(group.ID()))
	check(t, srv.Users().Remove(user.ID(), ""))
	_, err = srv.Users().GetByID(user.ID())
	if !errors.Is(err, tsc.ErrNotFound) {
		t.Fatalf("removed user: %v", err)
	}
}

func TestFavorites(t *testing.T) {
	srv := signIn(t)
	pitem, err := tsc.NewProject(unique("Go Favorite Project"))
	check(t, err)
	defer pitem.Close()
	p, err := srv.Projects().Create(pitem)
	check(t, err)
	defer p.Close()
	uid, err := srv.UserID()
	check(t, err)
	me, err := srv.Users().GetByID(uid)
	check(t, err)
	defer me.Close()
	fav, err := tsc.NewFavorite("My Go project", "project", p.ID())
	check(t, err)
	defer fav.Close()
	check(t, srv.Favorites().Add(me, fav))
	count := func() int {
		pager, err := srv.Favorites().Pager(me, nil, 0)
		check(t, err)
		defer pager.Close()
		n := 0
		for {
			page, err := pager.Next()
			check(t, err)
			if page == nil {
				return n
			}
			for _, f := range page.Items() {
				if f.ContentID() == p.ID() && f.Label() == "My Go project" {
					n++
				}
			}
			page.Close()
		}
	}
	if count() != 1 {
		t.Fatal("the favorite is not listed")
	}
	check(t, srv.Favorites().Delete(me, fav))
	if count() != 0 {
		t.Fatal("the favorite is still listed")
	}
	check(t, srv.Projects().Delete(p.ID()))
}
