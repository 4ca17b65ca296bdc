#!/usr/bin/env python3
"""Conformance: the real Python client, tableauserverclient 0.42, against tsc-emulator.

Usage: conformance.py --emulator PATH/TO/tsc-emulator [--keep-going] [--verbose]

Starts the emulator itself (port 0; the first stdout line is `listening on http://...`),
then drives one scenario across every family: sign-in (password, PAT, JWT), server info,
sites, projects (paging, filters, TSC's get_by_id PUT), users, groups, workbooks and data
sources (small and chunked publishes, CreateNew/Overwrite/Append, as_job), downloads compared
byte for byte (both Content-Disposition forms), views, connections, previews, favorites,
permissions and default permissions,
custom views, revisions, PowerPoint exports and view parameters, jobs, Pager/QuerySet, deletes and cascades, and error codes checked on the exception's code.
Every step prints one line; the last line is `N passed, N failed`; the exit status is
non-zero on any failure.
"""
import argparse
import contextlib
import hashlib
import io
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.request
import warnings
import zipfile

import tableauserverclient as TSC
from tableauserverclient.server.endpoint.exceptions import (
    FailedSignInError,
    ServerResponseError,
)

warnings.simplefilter("ignore")

PNG = b"\x89PNG\r\n\x1a\n"
MIB = 1024 * 1024
NO_ID = "00000000-0000-4000-8000-000000000000"


class Failed(Exception):
    pass


class Run:
    """Counts steps; each step prints `ok   name` or `FAIL name: why`."""

    def __init__(self, verbose):
        self.passed = 0
        self.failed = []
        self.verbose = verbose

    def step(self, name, fn, *args):
        t = time.monotonic()
        chatter = io.StringIO()  # TSC prints a few notes of its own; shown with --verbose
        try:
            with contextlib.redirect_stdout(chatter):
                out = fn(*args)
        except Exception as e:  # noqa: BLE001 - every failure is reported, none stops the run
            self.failed.append(name)
            why = f"{type(e).__name__}: {e}"
            print(f"FAIL {name}: {why}", flush=True)
            if self.verbose:
                print(chatter.getvalue(), end="")
                traceback.print_exc()
            return None
        if self.verbose:
            print(chatter.getvalue(), end="")
        self.passed += 1
        ms = (time.monotonic() - t) * 1000
        print(f"ok   {name} ({ms:.0f} ms)", flush=True)
        return out


def check(cond, what):
    if not cond:
        raise Failed(what)


def expect_code(code, fn, *args, **kwargs):
    """Calls fn and requires a ServerResponseError/FailedSignInError with this code."""
    try:
        fn(*args, **kwargs)
    except (ServerResponseError, FailedSignInError) as e:
        check(str(e.code) == code, f"error code {e.code}, want {code} ({e})")
        return e
    raise Failed(f"no error raised, want {code}")


def sha(path_or_bytes):
    h = hashlib.sha256()
    if isinstance(path_or_bytes, (bytes, bytearray)):
        h.update(path_or_bytes)
    else:
        with open(path_or_bytes, "rb") as f:
            for block in iter(lambda: f.read(MIB), b""):
                h.update(block)
    return h.hexdigest()


class Emulator:
    """The emulator as a child process, with its control endpoints."""

    def __init__(self, binary):
        self.binary = binary
        self.proc = subprocess.Popen(
            [
                binary,
                "--listen",
                "127.0.0.1:0",
                "--pat",
                "ci=s3cret",
                "--connected-app",
                "cid:sid:secretvalue",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        line = self.proc.stdout.readline().strip()
        if not line.startswith("listening on "):
            self.stop()
            raise SystemExit(f"unexpected first line from the emulator: {line!r}")
        self.url = line[len("listening on "):]

    def control(self, method, path):
        req = urllib.request.Request(self.url + path, method=method, data=b"" if method != "GET" else None)
        with urllib.request.urlopen(req) as r:
            return r.read().decode()

    def jwt(self, user):
        return subprocess.check_output(
            [self.binary, "mint-jwt", "--connected-app", "cid:sid:secretvalue", "--user", user]
        ).decode().strip()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class Scenario:
    def __init__(self, emu, run, work):
        self.emu = emu
        self.run = run
        self.work = work
        self.server = TSC.Server(emu.url, use_server_version=False)
        self.s = {}  # things later steps use
        os.makedirs(os.path.join(work, "dl"))
        subprocess.check_call([emu.binary, "samples", "--out", work], stdout=subprocess.DEVNULL)

    def f(self, name):
        return os.path.join(self.work, name)

    def signin_admin(self):
        self.server.auth.sign_in(TSC.TableauAuth("admin", "admin", ""))

    # -- auth and server info ------------------------------------------------------------

    def server_info(self):
        info = self.server.server_info.get()
        check(info.rest_api_version == "3.29", f"restApiVersion {info.rest_api_version}")
        check(info.product_version, "productVersion")
        self.server.use_server_version()
        check(self.server.version == "3.29", f"version {self.server.version}")

    def signin_password(self):
        self.signin_admin()
        check(self.server.site_id and self.server.user_id, "site and user ids")
        self.s["admin_id"] = self.server.user_id

    def signin_bad(self):
        srv = TSC.Server(self.emu.url)
        srv.version = "3.25"
        expect_code("401001", srv.auth.sign_in, TSC.TableauAuth("admin", "wrong", ""))
        expect_code("401001", srv.auth.sign_in, TSC.TableauAuth("admin", "admin", "nosuchsite"))

    def signin_pat(self):
        srv = TSC.Server(self.emu.url)
        srv.version = "3.25"
        with srv.auth.sign_in(TSC.PersonalAccessTokenAuth("ci", "s3cret", "")):
            check(srv.users.get_by_id(srv.user_id).name == "admin", "PAT user is admin")
        expect_code("401001", srv.auth.sign_in, TSC.PersonalAccessTokenAuth("ci", "nope", ""))

    def signin_jwt(self):
        srv = TSC.Server(self.emu.url)
        srv.version = "3.25"
        with srv.auth.sign_in(TSC.JWTAuth(self.emu.jwt("admin"), site_id="")):
            check(srv.site_id == self.server.site_id, "JWT session on the Default site")

    # -- sites -----------------------------------------------------------------------------

    def sites(self):
        srv = self.server
        site = srv.sites.create(TSC.SiteItem(name="Conformance Site", content_url="conf"))
        check(site.content_url == "conf" and site.id, "created")
        expect_code("409001", srv.sites.create, TSC.SiteItem(name="Conformance Site", content_url="other"))
        expect_code("409002", srv.sites.create, TSC.SiteItem(name="Another", content_url="conf"))
        items, pag = srv.sites.get()
        check(any(x.id == site.id for x in items) and pag.total_available >= 2, "listed")
        check(srv.sites.get_by_id(srv.site_id).content_url == "", "get_by_id (own site)")
        check(srv.sites.get_by_name("Conformance Site").id == site.id, "get_by_name")
        self.s["site"] = site

    def site_update_and_delete(self):
        srv = self.server
        site = self.s["site"]
        srv.auth.switch_site(site)
        check(srv.site_url == "conf", "switched")
        # TSC's get_by_content_url refuses (client-side) any content URL that does not occur
        # in the server's base URL, so the query goes through its request machinery directly.
        resp = srv.sites.get_request(f"{srv.sites.baseurl}/conf?key=contentUrl")
        check(TSC.SiteItem.from_response(resp.content, srv.namespace)[0].id == site.id, "by content URL")
        cur = srv.sites.get_by_id(srv.site_id)
        cur.revision_limit = 10
        cur.name = "Conformance Site 2"
        cur = srv.sites.update(cur)
        check(cur.revision_limit == 10 and cur.name == "Conformance Site 2", "updated")
        # Content on the site goes away with it.
        wb = TSC.WorkbookItem(project_id=self.default_project().id, name="Doomed")
        srv.workbooks.publish(wb, self.f("Regional.twb"), "CreateNew")
        srv.sites.delete(srv.site_id)  # signs out locally
        self.signin_admin()
        expect_code("404000", srv.sites.get_by_name, "Conformance Site 2")

    # -- projects --------------------------------------------------------------------------

    def default_project(self):
        for p in TSC.Pager(self.server.projects):
            if p.name == "default":
                return p
        raise Failed("no default project")

    def projects(self):
        srv = self.server
        top = srv.projects.create(TSC.ProjectItem(name="Conf Top", description="top"))
        child = srv.projects.create(TSC.ProjectItem(name="Conf Child", parent_id=top.id))
        check(child.parent_id == top.id, "nested")
        expect_code("409006", srv.projects.create, TSC.ProjectItem(name="conf top"))
        got = srv.projects.get_by_id(child.id)  # TSC: a PUT with an empty <project/>
        check(got.name == "Conf Child" and got.parent_id == top.id, "get_by_id (PUT quirk)")
        top.description = "changed"
        top.content_permissions = "LockedToProject"
        top = srv.projects.update(top)
        check(top.description == "changed" and top.content_permissions == "LockedToProject", "update")
        for i in range(5):
            srv.projects.create(TSC.ProjectItem(name=f"Conf Page {i}"))
        opts = TSC.RequestOptions(pagenumber=2, pagesize=2)
        opts.sort.add(TSC.Sort(TSC.RequestOptions.Field.Name, TSC.RequestOptions.Direction.Asc))
        page, pag = srv.projects.get(opts)
        check(pag.page_number == 2 and pag.page_size == 2 and len(page) == 2, "page 2 of size 2")
        opts = TSC.RequestOptions()
        opts.filter.add(TSC.Filter(TSC.RequestOptions.Field.Name, TSC.RequestOptions.Operator.In,
                                   ["Conf Top", "default"]))
        items, _ = srv.projects.get(opts)
        check(sorted(p.name for p in items) == ["Conf Top", "default"], f"in-filter {[p.name for p in items]}")
        all_p = list(TSC.Pager(srv.projects, TSC.RequestOptions(pagesize=3)))
        check(len({p.id for p in all_p}) == len(all_p) >= 8, f"Pager ({len(all_p)})")
        qs = srv.projects.filter(name="Conf Child")
        check(len(qs) == 1, "QuerySet filter")
        self.s["project"] = top
        self.s["child"] = child
        expect_code("404005", srv.projects.delete, NO_ID)

    # -- users and groups ------------------------------------------------------------------

    def users(self):
        srv = self.server
        u = srv.users.add(TSC.UserItem("conf_user", TSC.UserItem.Roles.Creator))
        check(u.id and u.site_role == "Creator", "added")
        expect_code("409000", srv.users.add, TSC.UserItem("CONF_USER", "Viewer"))
        u.fullname = "Conf User"
        u.email = "conf@example.com"
        u = srv.users.update(u, password="pw-conf")
        check(u.fullname == "Conf User", "updated")
        one = srv.users.get_by_id(u.id)
        check(one.email == "conf@example.com" and one.domain_name == "local", "get_by_id")
        opts = TSC.RequestOptions()
        opts.filter.add(TSC.Filter("siteRole", "eq", "Creator"))
        creators, _ = srv.users.get(opts)
        check(any(x.name == "conf_user" for x in creators), "filter siteRole")
        check(len(srv.users.filter(name="conf_user")) == 1, "QuerySet filter name")
        expect_code("404002", srv.users.get_by_id, NO_ID)
        # The new password works.
        other = TSC.Server(self.emu.url)
        other.version = "3.25"
        with other.auth.sign_in(TSC.TableauAuth("conf_user", "pw-conf", "")):
            check(other.user_id == u.id, "signed in with the new password")
        self.s["user"] = u

    def groups(self):
        srv = self.server
        u = self.s["user"]
        g = srv.groups.create(TSC.GroupItem("Conf Group"))
        expect_code("409009", srv.groups.create, TSC.GroupItem("conf group"))
        srv.groups.add_user(g, u.id)
        expect_code("409011", srv.groups.add_user, g, u.id)
        srv.groups.populate_users(g)
        check([x.name for x in g.users] == ["conf_user"], "users in group")
        g.name = "Conf Group 2"
        g = srv.groups.update(g)
        check(g.name == "Conf Group 2", "renamed")
        srv.users.populate_groups(u)
        check(sorted(x.name for x in u.groups) == ["All Users", "Conf Group 2"], "user's groups")
        srv.groups.remove_user(g, u.id)
        expect_code("404002", srv.groups.remove_user, g, u.id)
        srv.groups.add_users(g, [u])  # bulk (3.21)
        srv.groups.populate_users(g)
        check([x.name for x in g.users] == ["conf_user"], "bulk add")
        srv.groups.remove_users(g, [u])
        srv.groups.populate_users(g)
        check(list(g.users) == [], "bulk remove")
        srv.groups.delete(g.id)
        expect_code("404012", srv.groups.delete, g.id)

    # -- workbooks -------------------------------------------------------------------------

    def publish_workbooks(self):
        srv = self.server
        proj = self.s["project"]
        wb = TSC.WorkbookItem(project_id=proj.id, name="Superstore", show_tabs=True)
        wb.description = "Published by the conformance test"
        wb = srv.workbooks.publish(wb, self.f("Superstore.twbx"), TSC.Server.PublishMode.CreateNew)
        check(wb.id and wb.name == "Superstore" and wb.show_tabs, "published .twbx")
        check([v.name for v in wb.views][:3] == ["Sales by Region", "Profit & Discount",
                                                 "Customers' Lifetime Value"], f"views {[v.name for v in wb.views]}")
        check(wb.project_id == proj.id and wb.description == "Published by the conformance test", "payload kept")
        self.s["wb"] = wb
        # .twb with connection credentials and a hidden view.
        item = TSC.WorkbookItem(project_id=proj.id, name="Regional")
        item.hidden_views = ["Tōkyō 東京"]
        conn = TSC.ConnectionItem()
        conn.server_address = "mssql.example.com"
        conn.server_port = "1433"
        conn.connection_credentials = TSC.ConnectionCredentials("svc_reader", "secret", embed=True)
        reg = srv.workbooks.publish(item, self.f("Regional.twb"), "CreateNew", connections=[conn],
                                    skip_connection_check=True)
        names = [v.name for v in reg.views]
        check(names == ["Région Nord", "Zürich & Genève", "Regional <Summary>"], f"views {names}")
        self.s["regional"] = reg
        # Publishing from a file object.
        with open(self.f("Regional.twb"), "rb") as fo:
            item = TSC.WorkbookItem(project_id=self.s["child"].id, name="From File Object")
            fo_wb = srv.workbooks.publish(item, fo, "CreateNew")
        check(fo_wb.id, "file object")

    def workbook_rules(self):
        srv = self.server
        proj = self.s["project"]
        e = expect_code("403007", srv.workbooks.publish,
                        TSC.WorkbookItem(project_id=proj.id, name="superstore"),
                        self.f("Superstore.twbx"), "CreateNew")
        check("overwrite" in str(e), "detail names the flag")
        old_views = {v.name: v.id for v in self.s["wb"].views}
        again = srv.workbooks.publish(TSC.WorkbookItem(project_id=proj.id, name="Superstore"),
                                      self.f("Superstore.twbx"), TSC.Server.PublishMode.Overwrite)
        check(again.id == self.s["wb"].id, "overwrite keeps the id")
        check({v.name: v.id for v in again.views} == old_views, "and the view ids")
        # A file that is not a workbook: Tableau's "Publishing error".
        bad = io.BytesIO(b"<?xml version='1.0' encoding='utf-8' ?><notaworkbook/>")
        e = expect_code("400011", srv.workbooks.publish,
                        TSC.WorkbookItem(project_id=proj.id, name="Not A Workbook"), bad, "CreateNew")
        check("Not A Workbook" in str(e) or "workbook" in str(e).lower(), "detail")
        expect_code("404005", srv.workbooks.publish, TSC.WorkbookItem(name="No Project"),
                    self.f("Regional.twb"), "CreateNew")

    def workbook_as_job(self):
        srv = self.server
        self.emu.control("POST", "/_emulator/settings?jobDelayMs=1000")
        job = srv.workbooks.publish(TSC.WorkbookItem(project_id=self.s["project"].id, name="Async"),
                                    self.f("Regional.twb"), "CreateNew", as_job=True)
        check(job.type == "PublishWorkbook" and job.completed_at is None, f"job {job.type}")
        check(srv.jobs.get_by_id(job.id).completed_at is None, "in progress")
        done = srv.jobs.wait_for_job(job, timeout=20)
        check(done.finish_code == 0 and done.workbook_id, f"finished {done.finish_code}")
        check(srv.workbooks.get_by_id(done.workbook_id).name == "Async", "the workbook is there")
        jobs, _ = srv.jobs.get()
        check(any(j.id == job.id and j.status == "Success" for j in jobs), "listed as a background job")
        self.emu.control("POST", "/_emulator/settings?jobDelayMs=0")
        expect_code("404018", srv.jobs.get_by_id, NO_ID)

    def workbook_chunked(self):
        # Workbooks are chunked from 64 MiB on (hard-coded in TSC): a .twbx with a big extract.
        path = self.f("Huge.twbx")
        with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
            with open(self.f("Regional.twb"), "rb") as f:
                z.writestr("Huge.twb", f.read())
            z.writestr("Data/Extracts/huge.hyper", b"Hyper\x08\x00\x00\x01\x00\x00\x00" + os.urandom(64 * MIB))
        check(os.path.getsize(path) >= 64 * MIB, "big enough to be chunked")
        os.environ["TSC_CHUNK_SIZE_MB"] = "16"
        try:
            wb = self.server.workbooks.publish(TSC.WorkbookItem(project_id=self.s["project"].id, name="Huge"),
                                               path, "CreateNew")
        finally:
            del os.environ["TSC_CHUNK_SIZE_MB"]
        check(wb.size == 65, f"size {wb.size} MB")
        out = self.server.workbooks.download(wb.id, filepath=self.work + "/dl-huge")
        check(out.endswith("dl-huge.twbx") and sha(out) == sha(path), "chunked upload downloads byte for byte")
        os.remove(out)
        os.remove(path)
        self.server.workbooks.delete(wb.id)

    def workbook_queries(self):
        srv = self.server
        wb = srv.workbooks.get_by_id(self.s["wb"].id)
        check(wb.name == "Superstore" and len(wb.views) == 5 and wb.project_name == "Conf Top", "get_by_id")
        opts = TSC.RequestOptions()
        opts.filter.add(TSC.Filter(TSC.RequestOptions.Field.ProjectName, TSC.RequestOptions.Operator.Equals,
                                   "Conf Top"))
        opts.sort.add(TSC.Sort(TSC.RequestOptions.Field.Name, TSC.RequestOptions.Direction.Desc))
        items, pag = srv.workbooks.get(opts)
        check([w.name for w in items] == ["Superstore", "Regional", "Async"], f"filter+sort {[w.name for w in items]}")
        paged = list(TSC.Pager(srv.workbooks, TSC.RequestOptions(pagesize=2)))
        check(len(paged) == pag.total_available + 1, f"Pager over workbooks ({len(paged)})")
        check(len(srv.workbooks.filter(name="Regional")) == 1, "QuerySet")
        expect_code("404006", srv.workbooks.get_by_id, NO_ID)

    def workbook_views_connections_previews(self):
        srv = self.server
        wb = self.s["wb"]
        srv.workbooks.populate_views(wb, usage=True)
        check([v.sheet_type for v in wb.views] == ["worksheet"] * 3 + ["dashboard", "story"], "sheet types")
        check(all(v.total_views == 0 for v in wb.views), "usage")
        srv.workbooks.populate_connections(wb)
        conns = wb.connections
        check(len(conns) == 1 and conns[0].connection_type == "postgres"
              and conns[0].server_address == "db.example.com", f"connections {[c.server_address for c in conns]}")
        c = conns[0]
        c.server_address = "DB2.example.com"
        c.server_port = "6543"
        c.username = "etl"
        c.password = "secret"
        c.embed_password = True
        c2 = srv.workbooks.update_connection(wb, c)
        check(c2.server_address == "db2.example.com" and c2.server_port == "6543" and c2.embed_password,
              "update_connection")
        srv.workbooks.populate_connections(wb)
        check(wb.connections[0].username == "etl", "the update sticks")
        reg = self.s["regional"]
        srv.workbooks.populate_connections(reg)
        check(reg.connections[0].username == "svc_reader" and reg.connections[0].embed_password,
              "publish credentials applied")
        srv.workbooks.populate_preview_image(wb)
        check(wb.preview_image.startswith(PNG), "workbook preview is a PNG")

    def workbook_update(self):
        srv = self.server
        wb = srv.workbooks.get_by_id(self.s["regional"].id)
        wb.name = "Regional Renamed"
        wb.show_tabs = True
        wb.description = "new description"
        wb.project_id = self.s["child"].id
        wb.owner_id = self.s["user"].id
        up = srv.workbooks.update(wb)
        check(up.name == "Regional Renamed" and up.show_tabs and up.project_id == self.s["child"].id
              and up.owner_id == self.s["user"].id and up.description == "new description", "updated")
        up.tags = {"conformance", "regional"}  # update() syncs tags first (PUT …/tags)
        up = srv.workbooks.update(up)
        check(up.tags == {"conformance", "regional"}, f"tags {up.tags}")
        up.tags = {"regional"}  # … and DELETE …/tags/{label}
        up = srv.workbooks.update(up)
        check(srv.workbooks.get_by_id(up.id).tags == {"regional"}, "tag removed")
        opts = TSC.RequestOptions()
        opts.filter.add(TSC.Filter(TSC.RequestOptions.Field.Tags, TSC.RequestOptions.Operator.Equals, "regional"))
        items, _ = srv.workbooks.get(opts)
        check([w.name for w in items] == ["Regional Renamed"], "tags filter")
        srv.users.populate_workbooks(self.s["user"], owned_only=True)
        check([w.name for w in self.s["user"].workbooks] == ["Regional Renamed"], "user's own workbooks")
        srv.users.populate_workbooks(self.s["user"])
        check(len(list(self.s["user"].workbooks)) > 1, "user's readable workbooks")
        self.s["regional"] = up

    def downloads(self):
        srv = self.server
        wb = self.s["wb"]
        out = srv.workbooks.download(wb.id, filepath=self.work + "/dl")
        check(out.endswith(os.path.join("dl", "Superstore.twbx")), f"file name from Content-Disposition: {out}")
        check(sha(out) == sha(self.f("Superstore.twbx")), "byte for byte")
        buf = io.BytesIO()
        srv.workbooks.download(wb.id, filepath=buf, include_extract=False)
        check(sha(buf.getvalue()) == sha(self.f("Superstore.twbx")), "into a file object, includeExtract=False")
        # The RFC 5987 form of Server 2023.1.7+, with a non-ASCII name.
        w2 = srv.workbooks.publish(TSC.WorkbookItem(project_id=self.s["project"].id, name="Projeśt x"),
                                   self.f("Regional.twb"), "CreateNew")
        self.emu.control("POST", "/_emulator/settings?contentDisposition=rfc5987")
        try:
            out2 = srv.workbooks.download(w2.id, filepath=self.work + "/dl")
        finally:
            self.emu.control("POST", "/_emulator/settings?contentDisposition=plain")
        check(os.path.basename(out2) == "Projeśt x.twb", f"RFC 5987 name: {os.path.basename(out2)}")
        check(sha(out2) == sha(self.f("Regional.twb")), "byte for byte (rfc5987)")
        srv.workbooks.delete(w2.id)
        expect_code("404006", srv.workbooks.download, NO_ID, filepath=self.work + "/dl")

    def revisions(self):
        """Revisions and PowerPoint exports, as the Python client asks for them."""
        srv = self.server
        proj = self.s["project"].id
        files = [self.f("Superstore.twbx"), self.f("Regional.twb")]
        wb = srv.workbooks.publish(TSC.WorkbookItem(project_id=proj, name="Revised"), files[0], "CreateNew")
        srv.workbooks.publish(TSC.WorkbookItem(project_id=proj, name="Revised"), files[1], "Overwrite")
        srv.workbooks.populate_revisions(wb)
        revs = wb.revisions
        check([r.revision_number for r in revs] == ["1", "2"], f"revision numbers {[r.revision_number for r in revs]}")
        check([r.current for r in revs] == [False, True] and not any(r.deleted for r in revs), "current and deleted")
        check(all(r.user_name == "admin" and r.created_at is not None for r in revs), "publisher and date")
        out_dir = os.path.join(self.work, "revisions")
        os.makedirs(out_dir, exist_ok=True)
        for r, f in zip(revs, files):
            out = srv.workbooks.download_revision(wb.id, r.revision_number, out_dir)
            check(sha(out) == sha(f), f"revision {r.revision_number} byte for byte")
        srv.workbooks.delete_revision(wb.id, "1")
        expect_code("404026", srv.workbooks.download_revision, wb.id, "1", out_dir)
        expect_code("403003", srv.workbooks.delete_revision, wb.id, "2")
        srv.workbooks.populate_revisions(wb)
        check(wb.revisions[0].deleted is True, "a removed revision is listed as removed")
        srv.workbooks.populate_powerpoint(wb, TSC.PPTXRequestOptions(maxage=5))
        deck = zipfile.ZipFile(io.BytesIO(wb.powerpoint))
        names = deck.namelist()
        check("ppt/presentation.xml" in names and "[Content_Types].xml" in names, "a .pptx package")
        srv.workbooks.populate_views(wb)
        slides = sum(n.startswith("ppt/slides/slide") and n.endswith(".xml") for n in names)
        check(slides == len(wb.views), f"a slide per view: {slides} for {len(wb.views)}")
        srv.workbooks.delete(wb.id)
        ds = srv.datasources.publish(TSC.DatasourceItem(proj, name="Revised source"), self.f("Sales.tds"), "CreateNew")
        srv.datasources.publish(TSC.DatasourceItem(proj, name="Revised source"), self.f("Sales.tdsx"), "Overwrite")
        srv.datasources.populate_revisions(ds)
        check([r.revision_number for r in ds.revisions] == ["1", "2"], "data source revisions")
        buf = io.BytesIO()
        srv.datasources.download_revision(ds.id, "1", buf)
        check(sha(buf.getvalue()) == sha(self.f("Sales.tds")), "data source revision 1 byte for byte")
        srv.datasources.delete_revision(ds.id, "1")
        srv.datasources.delete(ds.id)

    def view_parameters(self):
        """View parameters (`parameter(name, value)`) reach the exports."""
        srv = self.server
        views = [v for v in TSC.Pager(srv.views) if v.workbook_id == self.s["wb"].id]
        opts = TSC.CSVRequestOptions()
        opts.parameter("Top N", "5")
        srv.views.populate_csv(views[0], opts)
        text = b"".join(views[0].csv).decode()
        check(text.startswith("Region,Category,Sales,Top N\r\n") and ",5\r\n" in text, f"parameter column: {text[:60]}")

    # -- views -----------------------------------------------------------------------------

    def views(self):
        srv = self.server
        items, pag = srv.views.get()
        check(pag.total_available >= 8, f"views for site ({pag.total_available})")
        opts = TSC.RequestOptions()
        opts.filter.add(TSC.Filter("viewUrlName", "eq", "SalesbyRegion"))
        items, _ = srv.views.get(opts)
        check([v.name for v in items] == ["Sales by Region"], "viewUrlName filter")
        view = items[0]
        opts = TSC.RequestOptions()
        opts.filter.add(TSC.Filter("workbookName", "eq", "Superstore"))
        opts.sort.add(TSC.Sort("name", "asc"))
        items, _ = srv.views.get(opts, usage=True)
        names = [v.name for v in items]
        check(names == sorted(names, key=str.lower) and len(items) == 5, f"workbookName filter, sort {names}")
        check(all(v.total_views == 0 for v in items), "usage statistics")
        qs = srv.views.filter(name="Overview")
        check(len(qs) == 1 and qs[0].workbook_id == self.s["wb"].id, "QuerySet")
        one = srv.views.get_by_id(view.id)
        check(one.name == "Sales by Region" and one.workbook_id == self.s["wb"].id, "get_by_id")
        srv.views.populate_preview_image(view)
        check(view.preview_image.startswith(PNG), "view preview is a PNG")
        check(srv.views.get_by_id(view.id, usage=True).total_views == 1, "the preview counted as a view")
        expect_code("404011", srv.views.get_by_id, NO_ID)
        self.s["view"] = view

    def custom_views(self):
        srv = self.server
        wb, view = self.s["wb"], self.s["view"]
        definition = ('{"view": "%s", "filters": {"Region": ["East"]}}' % view.name).encode()
        path = self.f("East only.json")
        with open(path, "wb") as fh:
            fh.write(definition)
        item = TSC.CustomViewItem(name="East only")
        item.shared = True
        item.owner = TSC.UserItem()
        item.owner._id = srv.user_id
        item.workbook = TSC.WorkbookItem(wb.project_id)
        item.workbook._id = wb.id
        cv = srv.custom_views.publish(item, path)
        check(cv.name == "East only" and cv.shared and cv.view.id == view.id, "publish from a path (api/exp)")
        check(cv.workbook.id == wb.id and cv.owner.id == srv.user_id, "workbook and owner")
        item.name = "From memory"
        item.shared = False
        second = srv.custom_views.publish(item, io.BytesIO(definition))
        check(second.name == "From memory" and not second.shared, "publish from a file object")
        opts = TSC.RequestOptions()
        opts.filter.add(TSC.Filter("workbookId", "eq", wb.id))
        items, pag = srv.custom_views.get(opts)
        check(pag.total_available == 2 and {c.id for c in items} == {cv.id, second.id}, "get, filtered")
        check(len(list(TSC.Pager(srv.custom_views, opts))) == 2, "Pager")
        one = srv.custom_views.get_by_id(cv.id)
        check(one.name == "East only" and one.view.name == view.name, "get_by_id")
        one.name = "Eastern"
        check(srv.custom_views.update(one).name == "Eastern", "update name")
        srv.custom_views.populate_image(one)
        check(one.image.startswith(PNG), "image")
        srv.custom_views.populate_csv(one)
        csv = b"".join(one.csv)
        check(csv.startswith(b"Region,Category,Sales") and b"West," not in csv and b"East," in csv, "CSV with the saved filter")
        srv.custom_views.populate_pdf(one)
        check(one.pdf.startswith(b"%PDF-") and b"Filter: Region = East" in one.pdf, "PDF")
        out = io.BytesIO()
        srv.custom_views.download(one, out)
        check(out.getvalue() == definition, "download byte for byte (api/exp)")
        srv.custom_views.delete(cv.id)
        srv.custom_views.delete(second.id)
        expect_code("404048", srv.custom_views.get_by_id, cv.id)

    # -- data sources ----------------------------------------------------------------------

    def publish_datasources(self):
        srv = self.server
        proj = self.s["project"]
        tds = srv.datasources.publish(TSC.DatasourceItem(proj.id, "Sales Live"), self.f("Sales.tds"), "CreateNew")
        check(tds.datasource_type == "postgres" and not tds.has_extracts, "published .tds")
        creds = TSC.ConnectionCredentials("reader", "pw", embed=True)
        tdsx = srv.datasources.publish(TSC.DatasourceItem(proj.id, "Sales"), self.f("Sales.tdsx"),
                                       "CreateNew", connection_credentials=creds)
        check(tdsx.has_extracts, "published .tdsx")
        hyper = srv.datasources.publish(TSC.DatasourceItem(proj.id, "Extract"), self.f("Extract.hyper"), "CreateNew")
        check(hyper.datasource_type == "hyper", "published .hyper")
        expect_code("403007", srv.datasources.publish, TSC.DatasourceItem(proj.id, "extract"),
                    self.f("Extract.hyper"), "CreateNew")
        again = srv.datasources.publish(TSC.DatasourceItem(proj.id, "Extract"), self.f("Extract.hyper"), "Overwrite")
        check(again.id == hyper.id, "overwrite keeps the id")
        app = srv.datasources.publish(TSC.DatasourceItem(proj.id, "Extract"), self.f("Extract.hyper"), "Append")
        check(app.id == hyper.id, "append onto the extract")
        expect_code("404004", srv.datasources.publish, TSC.DatasourceItem(proj.id, "Nothing"),
                    self.f("Extract.hyper"), "Append")
        expect_code("400011", srv.datasources.publish, TSC.DatasourceItem(proj.id, "Sales Live"),
                    self.f("Extract.hyper"), "Append")
        job = srv.datasources.publish(TSC.DatasourceItem(proj.id, "Async Extract"), self.f("Extract.hyper"),
                                      "CreateNew", as_job=True)
        done = srv.jobs.wait_for_job(job, timeout=20)
        check(done.finish_code == 0 and done.datasource_name == "Async Extract", "as_job")
        self.s.update(tds=tds, tdsx=tdsx, hyper=hyper)

    def datasource_chunked(self):
        big = os.path.join(self.work, "big")
        subprocess.check_call([self.emu.binary, "samples", "--out", big, "--hyper-bytes", str(3 * MIB + 12345)],
                              stdout=subprocess.DEVNULL)
        path = os.path.join(big, "Big.hyper")
        os.environ["TSC_FILESIZE_LIMIT_MB"] = "1"
        os.environ["TSC_CHUNK_SIZE_MB"] = "1"
        try:
            ds = self.server.datasources.publish(TSC.DatasourceItem(self.s["project"].id, "Chunked"), path,
                                                 "CreateNew")
        finally:
            del os.environ["TSC_FILESIZE_LIMIT_MB"]
            del os.environ["TSC_CHUNK_SIZE_MB"]
        check(ds.size == 4, f"size {ds.size} MB")
        out = self.server.datasources.download(ds.id, filepath=os.path.join(big, "dl"))
        check(sha(out) == sha(path), "chunked data source downloads byte for byte")
        shutil.rmtree(big)

    def datasource_queries_and_update(self):
        srv = self.server
        ds = srv.datasources.get_by_id(self.s["tdsx"].id)
        check(ds.name == "Sales" and ds.project_name == "Conf Top", "get_by_id")
        opts = TSC.RequestOptions()
        opts.filter.add(TSC.Filter(TSC.RequestOptions.Field.Name, TSC.RequestOptions.Operator.In,
                                   ["Sales", "Extract"]))
        items, _ = srv.datasources.get(opts)
        check(sorted(d.name for d in items) == ["Extract", "Sales"], "in-filter")
        opts = TSC.RequestOptions()
        opts.filter.add(TSC.Filter("type", "eq", "hyper"))
        items, _ = srv.datasources.get(opts)
        check(sorted(d.name for d in items) == ["Async Extract", "Chunked", "Extract"], f"type filter {[d.name for d in items]}")
        ds.name = "Sales Certified"
        ds.certified = True
        ds.certification_note = "Checked"
        ds.description = "certified"
        ds.owner_id = self.s["user"].id
        up = srv.datasources.update(ds)
        check(up.name == "Sales Certified" and up.certified and up.certification_note == "Checked"
              and up.owner_id == self.s["user"].id, "updated")
        srv.datasources.populate_connections(up)
        conn = up.connections[0]
        check(conn.username == "reader" and conn.embed_password, "publish credentials applied")
        conn.username = "writer"
        conn.server_address = "pg.example.com"
        c2 = srv.datasources.update_connection(up, conn)
        check(c2 is not None and c2.username == "writer" and c2.server_address == "pg.example.com",
              "update_connection")
        out = srv.datasources.download(up.id, filepath=self.work + "/dl")
        check(os.path.basename(out) == "Sales Certified.tdsx" and sha(out) == sha(self.f("Sales.tdsx")),
              "download byte for byte")
        out = srv.datasources.download(self.s["tds"].id, filepath=self.work + "/dl")
        check(sha(out) == sha(self.f("Sales.tds")), "download .tds")
        expect_code("404004", srv.datasources.get_by_id, NO_ID)
        self.s["tdsx"] = up

    # -- favorites -------------------------------------------------------------------------

    def favorites(self):
        srv = self.server
        me = srv.users.get_by_id(self.s["admin_id"])
        srv.favorites.add_favorite_workbook(me, self.s["wb"])
        srv.favorites.add_favorite_view(me, self.s["view"])
        srv.favorites.add_favorite_datasource(me, self.s["hyper"])
        srv.favorites.add_favorite_project(me, self.s["project"])
        srv.favorites.get(me)
        f = me.favorites
        check([w.name for w in f["workbooks"]] == ["Superstore"], "workbook")
        check([v.name for v in f["views"]] == ["Sales by Region"], "view")
        check([d.name for d in f["datasources"]] == ["Extract"], "datasource")
        check([p.name for p in f["projects"]] == ["Conf Top"], "project")
        expect_code("409007", srv.favorites.add_favorite_workbook, me, self.s["wb"])
        srv.favorites.delete_favorite_view(me, self.s["view"])
        srv.favorites.delete_favorite_datasource(me, self.s["hyper"])
        srv.favorites.get(me)
        check(me.favorites["views"] == [] and me.favorites["datasources"] == [], "deleted")
        self.s["me"] = me

    # -- permissions -----------------------------------------------------------------------

    def permissions(self):
        """Permissions of a project and a workbook, default permissions of every kind TSC 0.42
        has, for a user, a group and (when TSC has them) a group set; TSC reads each grantee as
        the last descendant with an id and deletes one capability per request."""
        srv = self.server
        P = TSC.Permission
        proj, wb = self.s["project"], self.s["wb"]
        u = self.s["user"]
        g = srv.groups.create(TSC.GroupItem("Conf Perm Group"))
        user_ref, group_ref = TSC.UserItem.as_reference(u.id), TSC.GroupItem.as_reference(g.id)

        def caps(rules, grantee_id):
            return {k: v for r in rules if r.grantee.id == grantee_id for k, v in r.capabilities.items()}

        rule = TSC.PermissionsRule(user_ref, {P.Capability.Read: P.Mode.Allow, P.Capability.ProjectLeader: P.Mode.Allow})
        added = srv.projects.update_permissions(proj, [rule])
        check(caps(added, u.id) == {"Read": "Allow", "ProjectLeader": "Allow"}, f"update answer {added}")
        srv.projects.populate_permissions(proj)
        check(caps(proj.permissions, u.id) == {"Read": "Allow", "ProjectLeader": "Allow"}, "read back")
        check(all(r.grantee.tag_name == "user" for r in proj.permissions), "grantee type")
        srv.projects.update_permissions(proj, [TSC.PermissionsRule(user_ref, {P.Capability.ProjectLeader: P.Mode.Deny})])
        srv.projects.populate_permissions(proj)
        check(caps(proj.permissions, u.id)["ProjectLeader"] == "Deny", "denied")
        srv.projects.delete_permission(proj, proj.permissions)
        srv.projects.populate_permissions(proj)
        check(proj.permissions == [], f"deleted ({proj.permissions})")

        wrule = TSC.PermissionsRule(group_ref, {P.Capability.ExportXml: P.Mode.Deny, P.Capability.Read: P.Mode.Allow})
        srv.workbooks.update_permissions(wb, [wrule])
        srv.workbooks.populate_permissions(wb)
        check(caps(wb.permissions, g.id) == {"ExportXml": "Deny", "Read": "Allow"}, "workbook")
        srv.workbooks.delete_permission(wb, wb.permissions[0])
        srv.workbooks.populate_permissions(wb)
        check(wb.permissions == [], "workbook rule deleted")
        expect_code("400009", srv.workbooks.update_permissions, wb,
                    [TSC.PermissionsRule(group_ref, {P.Capability.ProjectLeader: P.Mode.Allow})])
        expect_code("404002", srv.projects.update_permissions, proj,
                    [TSC.PermissionsRule(TSC.UserItem.as_reference(NO_ID), {P.Capability.Read: P.Mode.Allow})])
        expect_code("404012", srv.projects.update_permissions, proj,
                    [TSC.PermissionsRule(TSC.GroupItem.as_reference(NO_ID), {P.Capability.Read: P.Mode.Allow})])

        for kind in ["workbook", "datasource", "flow", "metric", "datarole", "lens",
                     "virtualconnection", "database", "table"]:
            update = getattr(srv.projects, f"update_{kind}_default_permissions")
            populate = getattr(srv.projects, f"populate_{kind}_default_permissions")
            delete = getattr(srv.projects, f"delete_{kind}_default_permissions")
            update(proj, [TSC.PermissionsRule(group_ref, {P.Capability.Read: P.Mode.Allow})])
            populate(proj)
            got = getattr(proj, f"default_{kind}_permissions")
            check(caps(got, g.id) == {"Read": "Allow"}, f"default {kind} permissions ({got})")
            delete(proj, got[0])
            populate(proj)
            check(getattr(proj, f"default_{kind}_permissions") == [], f"default {kind} deleted")
        group_set = getattr(TSC, "GroupSetItem", None)
        if group_set is not None and hasattr(srv, "group_sets"):
            gs = srv.group_sets.create(group_set("Conf Group Set"))
            rule = TSC.PermissionsRule(group_set.as_reference(gs.id), {P.Capability.Write: P.Mode.Deny})
            srv.projects.update_permissions(proj, [rule])
            srv.projects.populate_permissions(proj)
            check([(r.grantee.tag_name, r.grantee.id) for r in proj.permissions] == [("groupSet", gs.id)],
                  f"group set grantee ({proj.permissions})")
            srv.projects.delete_permission(proj, proj.permissions)
            srv.projects.populate_permissions(proj)
            check(proj.permissions == [], "group set rule deleted")
        srv.groups.delete(g.id)

    # -- ownership, deletes and cascades ---------------------------------------------------

    def user_removal(self):
        srv = self.server
        u = self.s["user"]  # owns "Regional Renamed" and "Sales Certified"
        expect_code("409003", srv.users.remove, u.id)
        srv.users.remove(u.id, map_assets_to=self.s["admin_id"])
        check(srv.workbooks.get_by_id(self.s["regional"].id).owner_id == self.s["admin_id"], "assets mapped")
        expect_code("404002", srv.users.remove, u.id)

    def deletes(self):
        srv = self.server
        srv.workbooks.delete(self.s["wb"].id)
        expect_code("404006", srv.workbooks.get_by_id, self.s["wb"].id)
        expect_code("404011", srv.views.get_by_id, self.s["view"].id)
        srv.favorites.get(self.s["me"])
        check(self.s["me"].favorites["workbooks"] == [], "the favorite went with the workbook")
        srv.datasources.delete(self.s["tds"].id)
        expect_code("404004", srv.datasources.delete, self.s["tds"].id)
        # Deleting the project removes what is in it and in its nested projects.
        srv.projects.delete(self.s["project"].id)
        expect_code("404006", srv.workbooks.get_by_id, self.s["regional"].id)
        expect_code("404004", srv.datasources.get_by_id, self.s["tdsx"].id)
        items, pag = srv.workbooks.get()
        check(pag.total_available == 0, f"no workbooks left ({[w.name for w in items]})")
        expect_code("404005", srv.projects.delete, self.s["child"].id)

    def old_version(self):
        """API 2.8: TSC appends query options unencoded (`filter=name:in:[a,b]`), before any
        query already in the URL; publishing, queries and downloads work the same."""
        srv = TSC.Server(self.emu.url)
        srv.version = "2.8"
        with srv.auth.sign_in(TSC.TableauAuth("admin", "admin", "")):
            p = srv.projects.create(TSC.ProjectItem(name="Old API Project"))
            wb = srv.workbooks.publish(TSC.WorkbookItem(project_id=p.id, name="Old API Workbook"),
                                       self.f("Regional.twb"), "CreateNew")
            ds = srv.datasources.publish(TSC.DatasourceItem(p.id, "Old API Extract"), self.f("Extract.hyper"),
                                         "CreateNew")
            opts = TSC.RequestOptions(pagesize=1)
            opts.filter.add(TSC.Filter(TSC.RequestOptions.Field.Name, TSC.RequestOptions.Operator.In,
                                       ["Old API Workbook", "Nothing Like It"]))
            items, pag = srv.workbooks.get(opts)
            check([w.name for w in items] == ["Old API Workbook"] and pag.page_size == 1, "unencoded in-filter")
            opts = TSC.RequestOptions()
            opts.filter.add(TSC.Filter("workbookName", "eq", "Old API Workbook"))
            items, _ = srv.views.get(opts)
            check(len(items) == 4, f"views filter ({len(items)})")
            srv.users.populate_workbooks(srv.users.get_by_id(srv.user_id), owned_only=True)
            buf = io.BytesIO()
            srv.datasources.download(ds.id, filepath=buf)
            check(sha(buf.getvalue()) == sha(self.f("Extract.hyper")), "download")
            srv.projects.delete(p.id)
            expect_code("404006", srv.workbooks.get_by_id, wb.id)

    def signout(self):
        self.server.auth.sign_out()
        check(self.server._auth_token is None, "signed out")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--emulator", required=True)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    if not os.path.exists(args.emulator):
        raise SystemExit(f"{args.emulator} not found; build it with: cargo build --release -p tsc-emulator")
    print(f"tableauserverclient {getattr(TSC, '__version__', '0.42')} against {args.emulator}", flush=True)
    start = time.monotonic()
    run = Run(args.verbose)
    emu = Emulator(args.emulator)
    work = tempfile.mkdtemp(prefix="tsc-conformance-")
    try:
        sc = Scenario(emu, run, work)
        steps = [
            ("server info and version negotiation", sc.server_info),
            ("sign in with a password", sc.signin_password),
            ("sign in with bad credentials → 401001", sc.signin_bad),
            ("sign in with a personal access token", sc.signin_pat),
            ("sign in with a connected-app JWT", sc.signin_jwt),
            ("sites: create, list, get by id and name, 409001/409002", sc.sites),
            ("projects: nested, 409006, get_by_id PUT, update, paging, filters, Pager", sc.projects),
            ("users: add, 409000, update with password, filters, sign in as the user", sc.users),
            ("groups: create, 409009, add/remove users, 409011, update, delete, 404012", sc.groups),
            ("workbooks: publish .twbx/.twb/file object, credentials, hidden view", sc.publish_workbooks),
            ("workbooks: CreateNew 403007, Overwrite, refused file 400011, 404005", sc.workbook_rules),
            ("workbooks: as_job publish and jobs.wait_for_job", sc.workbook_as_job),
            ("workbooks: chunked publish (≥ 64 MiB) and byte-for-byte download", sc.workbook_chunked),
            ("workbooks: get_by_id, filter, sort, Pager, QuerySet, 404006", sc.workbook_queries),
            ("workbooks: views, connections, update_connection, preview image", sc.workbook_views_connections_previews),
            ("workbooks: update name/showTabs/description/project/owner, tags", sc.workbook_update),
            ("downloads: byte for byte, file objects, RFC 5987 file names", sc.downloads),
            ("revisions: list, download byte for byte, delete, 404026/403003; PowerPoint", sc.revisions),
            ("exports: view parameters", sc.view_parameters),
            ("views: for site, filters, get_by_id, preview image, usage, 404011", sc.views),
            ("custom views: publish (path, file object), get, Pager, update, exports, download, delete, 404048", sc.custom_views),
            ("data sources: publish .tds/.tdsx/.hyper, 403007, Overwrite, Append, as_job", sc.publish_datasources),
            ("data sources: chunked publish and byte-for-byte download", sc.datasource_chunked),
            ("data sources: get, filters, update, connections, download, 404004", sc.datasource_queries_and_update),
            ("favorites: workbook, view, data source, project; 409007; delete", sc.favorites),
            ("permissions: project, workbook, defaults of every kind, group sets, 400009/404002/404012", sc.permissions),
            ("users: removal 409003 while owning content, mapAssetsTo", sc.user_removal),
            ("deletes: workbook, data source, project cascade", sc.deletes),
            ("sites: switch, get by content URL, update, delete (with content)", sc.site_update_and_delete),
            ("API 2.8: unencoded filters, publish, views, download", sc.old_version),
            ("sign out", sc.signout),
        ]
        for name, fn in steps:
            run.step(name, fn)
    finally:
        emu.stop()
        shutil.rmtree(work, ignore_errors=True)
    print(f"{run.passed} passed, {len(run.failed)} failed ({time.monotonic() - start:.1f} s)", flush=True)
    sys.exit(1 if run.failed else 0)


if __name__ == "__main__":
    main()
