// tour.go: what examples/c/tour.c does: a site and projects created, listed, updated, deleted.
package main

import (
	"fmt"
	"time"

	"libtsc.dev/tsc"
)

func tour(srv *tsc.Server, home string) error {
	user, err := srv.UserID()
	if err != nil {
		return err
	}
	version, err := srv.APIVersion()
	if err != nil {
		return err
	}
	fmt.Printf("Signed in as user %s on site %q, using REST API %s\n\n", user, home, version)

	// A site, created, listed and updated (clone the fetched item, change it, send it).
	stamp := time.Now().Unix()
	siteURL := fmt.Sprintf("tourgo%d", stamp)
	draft, err := tsc.NewSite(fmt.Sprintf("Tour Go %d", stamp), siteURL)
	if err != nil {
		return err
	}
	defer draft.Close()
	if err := draft.SetAdminMode("ContentAndUsers"); err != nil {
		return err
	}
	if err := draft.SetUserQuota(50); err != nil {
		return err
	}
	site, err := srv.Sites().Create(draft)
	if err != nil {
		return err
	}
	defer site.Close()
	fmt.Printf("Created site %q (contentUrl %q, id %s, user quota %d)\n", site.Name(), site.ContentURL(), site.ID(), site.UserQuota())
	sites, err := srv.Sites().Get(nil)
	if err != nil {
		return err
	}
	fmt.Printf("Sites (%d of %d):\n", sites.Count(), sites.TotalAvailable())
	for _, s := range sites.Items() {
		fmt.Printf("  - %-24s contentUrl=%q state=%s\n", s.Name(), s.ContentURL(), s.State())
	}
	sites.Close()
	change := site.Clone()
	defer change.Close()
	if err := change.SetName("Tour Go (renamed)"); err != nil {
		return err
	}
	if err := change.SetStorageQuota(1024); err != nil {
		return err
	}
	updated, err := srv.Sites().Update(change)
	if err != nil {
		return err
	}
	defer updated.Close()
	fmt.Printf("Updated site: name %q, storage quota %d MB\n\n", updated.Name(), updated.StorageQuota())

	// Inside the new site: a project with a nested one, a filtered listing, an update.
	if err := srv.Auth().SwitchSite(siteURL); err != nil {
		return err
	}
	fmt.Printf("Switched to site %q\n", siteURL)
	if err := projects(srv); err != nil {
		return err
	}
	if err := srv.Auth().SwitchSite(home); err != nil {
		return err
	}
	if err := srv.Sites().Delete(site.ID()); err != nil {
		return err
	}
	fmt.Printf("Deleted site %q\n", updated.Name())
	return nil
}

func projects(srv *tsc.Server) error {
	draft, err := tsc.NewProject("Finance")
	if err != nil {
		return err
	}
	defer draft.Close()
	if err := draft.SetDescription("Budgets and forecasts"); err != nil {
		return err
	}
	parent, err := srv.Projects().Create(draft)
	if err != nil {
		return err
	}
	defer parent.Close()
	nested, err := tsc.NewProject("Finance - Q1")
	if err != nil {
		return err
	}
	defer nested.Close()
	if err := nested.SetParentID(parent.ID()); err != nil {
		return err
	}
	child, err := srv.Projects().Create(nested)
	if err != nil {
		return err
	}
	defer child.Close()
	fmt.Printf("Created project %q and nested project %q\n", parent.Name(), child.Name())

	filter, err := tsc.NewRequestOptions()
	if err != nil {
		return err
	}
	defer filter.Close()
	if err := filter.AddFilter("parentProjectId", tsc.FilterOpEq, parent.ID()); err != nil {
		return err
	}
	if err := filter.AddSort("name", tsc.SortDirectionAsc); err != nil {
		return err
	}
	children, err := srv.Projects().Get(filter)
	if err != nil {
		return err
	}
	fmt.Printf("Children of %q: %d\n", parent.Name(), children.Count())
	children.Close()

	change := child.Clone()
	defer change.Close()
	if err := change.SetDescription("First quarter"); err != nil {
		return err
	}
	updated, err := srv.Projects().Update(change)
	if err != nil {
		return err
	}
	defer updated.Close()
	fmt.Printf("Updated %q: description %q\n\n", updated.Name(), updated.Description())
	if err := srv.Projects().Delete(parent.ID()); err != nil {
		return err
	}
	fmt.Printf("Deleted project %q and its children\n", parent.Name())
	return nil
}
