#!/usr/bin/env python3
"""Drives tsc-emulator with the real Python client (tableauserverclient 0.42).

Usage: tsc_smoke.py URL   (the emulator must run with --pat ci=s3cret
       --connected-app cid:sid:secretvalue and the default admin/admin)
Covers the framework's families: sign-in (password, PAT, JWT), sign-out, switch site,
server info, sites, projects, users, groups, favorites, jobs, Pager / QuerySet.
"""
import sys
import subprocess
import warnings

import tableauserverclient as TSC
from tableauserverclient.server.endpoint.exceptions import ServerResponseError, FailedSignInError

warnings.simplefilter("ignore")
URL = sys.argv[1]
EMU = sys.argv[2] if len(sys.argv) > 2 else None
failures = []


def V(s):
    return tuple(int(x) for x in s.split("."))


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def expect_error(fn, code, what):
    try:
        fn()
    except ServerResponseError as e:
        check(str(e.code) == code, f"{what} -> {e.code} (want {code})")
        return
    except FailedSignInError as e:
        check(str(e.code) == code, f"{what} -> {e.code} (want {code})")
        return
    check(False, f"{what}: no error raised")


for version_mode in ("2.4", "server"):
    server = TSC.Server(URL, use_server_version=(version_mode == "server"))
    if version_mode == "2.4":
        server.version = "2.4"
    print(f"--- API version {server.version}")
    info = server.server_info.get()
    check(info.rest_api_version == "3.25", f"server info restApiVersion {info.rest_api_version}")

    with server.auth.sign_in(TSC.TableauAuth("admin", "admin", "")):
        check(server.site_id is not None, "password sign-in gives a site id")
        print(f"--- signed in, API version {server.version}")
        # Projects: create nested, query, update, get_by_id, filter, delete.
        suffix = version_mode.replace(".", "")
        top = server.projects.create(TSC.ProjectItem(name=f"Top {suffix}", description="d"))
        child = server.projects.create(TSC.ProjectItem(name="Child", parent_id=top.id))
        check(child.parent_id == top.id, "nested project parent id")
        expect_error(lambda: server.projects.create(TSC.ProjectItem(name=f"top {suffix}")), "409006", "duplicate project")
        if V(server.version) >= V("3.0"):
            got = server.projects.get_by_id(child.id)
            check(got.name == "Child", "projects.get_by_id (empty PUT)")
        top.description = "changed"
        top.content_permissions = "LockedToProject"
        up = server.projects.update(top)
        check(up.description == "changed" and up.content_permissions == "LockedToProject", "project update")
        opts = TSC.RequestOptions()
        opts.filter.add(TSC.Filter(TSC.RequestOptions.Field.Name, TSC.RequestOptions.Operator.In, [f"Top {suffix}", "default"]))
        items, pag = server.projects.get(opts)
        check(sorted(p.name for p in items) == sorted([f"Top {suffix}", "default"]), f"project in-filter ({[p.name for p in items]})")
        all_projects = list(TSC.Pager(server.projects, TSC.RequestOptions(pagesize=2)))
        check(len(all_projects) == pag.total_available or len(all_projects) >= 3, f"Pager over projects ({len(all_projects)})")
        server.projects.delete(top.id)
        names = [p.name for p in TSC.Pager(server.projects)]
        check("Child" not in names and f"Top {suffix}" not in names, "project delete removes nested projects")
        expect_error(lambda: server.projects.delete(top.id), "404005", "delete unknown project")

        # Users.
        u = server.users.add(TSC.UserItem(f"zed{suffix}", TSC.UserItem.Roles.Viewer))
        check(u.id and u.site_role == "Viewer", "users.add")
        expect_error(lambda: server.users.add(TSC.UserItem(f"ZED{suffix}", "Viewer")), "409000", "duplicate user")
        u.fullname = "Zed Zulu"
        u.email = "zed@example.com"
        u = server.users.update(u, password="pw-zed")
        check(u.fullname == "Zed Zulu", "users.update")
        one = server.users.get_by_id(u.id)
        check(one.email == "zed@example.com" and one.domain_name == "local", "users.get_by_id")
        opts = TSC.RequestOptions()
        opts.filter.add(TSC.Filter("siteRole", "eq", "Viewer"))
        viewers, _ = server.users.get(opts)
        check(any(x.name == f"zed{suffix}" for x in viewers), "users filter siteRole")
        server.users.populate_workbooks(u)
        check(list(u.workbooks) == [], "users.populate_workbooks (empty)")
        if V(server.version) >= V("3.7"):
            server.users.populate_groups(u)
            check([g.name for g in u.groups] == ["All Users"], "users.populate_groups")
        qs = server.users.filter(name=f"zed{suffix}")
        check(len(qs) == 1, "QuerySet users.filter(name=)")

        # Groups.
        g = server.groups.create(TSC.GroupItem(f"Team {suffix}"))
        expect_error(lambda: server.groups.create(TSC.GroupItem(f"team {suffix}")), "409009", "duplicate group")
        server.groups.add_user(g, u.id)
        expect_error(lambda: server.groups.add_user(g, u.id), "409011", "add user twice")
        server.groups.populate_users(g)
        check([x.name for x in g.users] == [f"zed{suffix}"], "groups.populate_users")
        g.name = f"Team {suffix} renamed"
        g = server.groups.update(g)
        check(g.name == f"Team {suffix} renamed", "groups.update")
        server.groups.remove_user(g, u.id)
        expect_error(lambda: server.groups.remove_user(g, u.id), "404002", "remove non-member")
        if V(server.version) >= V("3.21"):
            server.groups.add_users(g, [u])
            server.groups.remove_users(g, [u])
        all_groups, _ = server.groups.get()
        check(all_groups[0].name == "All Users", "All Users group listed first")
        server.groups.delete(g.id)
        expect_error(lambda: server.groups.delete(g.id), "404012", "delete unknown group")

        # Favorites (projects exist in the framework; content comes later).
        p = server.projects.create(TSC.ProjectItem(name=f"Fav {suffix}"))
        admin = server.users.get_by_id(server.user_id)
        if V(server.version) >= V("3.1"):
            server.favorites.add_favorite_project(admin, p)
            server.favorites.get(admin)
            check([x.name for x in admin.favorites["projects"]] == [f"Fav {suffix}"], "favorites add/get project")
            server.favorites.delete_favorite_project(admin, p)
            server.favorites.get(admin)
            check(admin.favorites["projects"] == [], "favorites delete project")
        server.projects.delete(p.id)

        # Sites.
        site = server.sites.create(TSC.SiteItem(name=f"Site {suffix}", content_url=f"site{suffix}"))
        check(site.content_url == f"site{suffix}", "sites.create")
        expect_error(lambda: server.sites.create(TSC.SiteItem(name=f"Site {suffix}", content_url="other")), "409001", "duplicate site name")
        sites, pag = server.sites.get()
        check(pag.total_available >= 2 and any(x.id == site.id for x in sites), f"sites.get ({pag.total_available})")
        me = server.sites.get_by_id(server.site_id)
        check(me.content_url == "", "sites.get_by_id")
        by_name = server.sites.get_by_name(f"Site {suffix}")
        check(by_name.id == site.id, "sites.get_by_name")
        if V(server.version) >= V("2.6"):
            server.auth.switch_site(site)
            check(server.site_url == f"site{suffix}", "switch_site")
            cur = server.sites.get_by_id(server.site_id)
            cur.revision_limit = 10
            cur = server.sites.update(cur)
            check(cur.revision_limit == 10, "sites.update")
            server.sites.delete(server.site_id)  # signs out locally

    # PAT sign-in (3.6+) and JWT (3.17+).
    if V(server.version) >= V("3.6"):
        with server.auth.sign_in(TSC.PersonalAccessTokenAuth("ci", "s3cret", "")):
            check(server.users.get_by_id(server.user_id).name == "admin", "PAT sign-in")
        expect_error(lambda: server.auth.sign_in(TSC.PersonalAccessTokenAuth("ci", "wrong", "")), "401001", "bad PAT")
    if V(server.version) >= V("3.17") and EMU:
        jwt = subprocess.check_output([EMU, "mint-jwt", "--connected-app", "cid:sid:secretvalue", "--user", "admin"]).decode().strip()
        with server.auth.sign_in(TSC.JWTAuth(jwt, site_id="")):
            check(server.site_id is not None, "JWT sign-in")
    expect_error(lambda: server.auth.sign_in(TSC.TableauAuth("admin", "nope", "")), "401001", "bad password")
    expect_error(lambda: server.auth.sign_in(TSC.TableauAuth("admin", "admin", "nosuchsite")), "401001", "unknown site")

    # Jobs: created through the control endpoint, then polled with wait_for_job.
    import urllib.request
    if V(server.version) < V("2.6"):
        continue
    with server.auth.sign_in(TSC.TableauAuth("admin", "admin", "")):
        req = urllib.request.Request(f"{URL}/_emulator/jobs?site=&delayMs=300", method="POST")
        body = urllib.request.urlopen(req).read().decode()
        job_id = body.split('job id="')[1].split('"')[0]
        job = server.jobs.get_by_id(job_id)
        check(job.completed_at is None, "job not yet complete")
        job = server.jobs.wait_for_job(job_id, timeout=10)
        check(job.finish_code == 0, "jobs.wait_for_job")
        expect_error(lambda: server.jobs.get_by_id("00000000-0000-4000-8000-000000000000"), "404018", "unknown job")
        if V(server.version) >= V("3.1"):
            jobs, pag = server.jobs.get()
            check(any(j.id == job_id and j.status == "Success" for j in jobs), "jobs.get (backgroundJobs)")

print(f"\n{len(failures)} failed")
sys.exit(1 if failures else 0)
