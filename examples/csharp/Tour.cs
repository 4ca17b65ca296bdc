// Tour.cs: the tour of examples/c/tour.c, in C# with the binding (bindings/csharp).
//
// Signs in, shows the server's version, creates a site and a project, lists them, updates them,
// deletes them and signs out. Configuration comes from the environment:
//
//   TSC_SERVER                    server URL, e.g. https://tableau.example.com (required)
//   TSC_USER and TSC_PASSWORD     a user name and password, or
//   TSC_PAT_NAME, TSC_PAT_SECRET  a personal access token
//   TSC_SITE                      the site's content URL ("" or unset: the Default site)
//
// `make demo-csharp` runs it against a fresh tsc-emulator. Creating sites needs a server administrator.
// Build: mcs -r:Tsc.dll Tour.cs; run: LD_LIBRARY_PATH=<dir of libtsc.so> mono Tour.exe
using System;
using Tsc;

static class Tour
{
    static string Env(string name, string fallback)
    {
        return Environment.GetEnvironmentVariable(name) ?? fallback;
    }

    internal static Credentials SignInCredentials(string site)
    {
        string pat = Environment.GetEnvironmentVariable("TSC_PAT_NAME");
        return pat != null
            ? Tsc.Credentials.CreatePat(pat, Env("TSC_PAT_SECRET", ""), site)
            : Tsc.Credentials.CreatePassword(Env("TSC_USER", "admin"), Env("TSC_PASSWORD", ""), site);
    }

    static void PrintSites(SiteList sites)
    {
        Console.WriteLine("Sites ({0} of {1}):", sites.Count, sites.TotalAvailable);
        foreach (var s in sites)
            Console.WriteLine("  - {0,-24} contentUrl=\"{1}\" state={2}", s.Name, s.ContentUrl, s.State ?? "?");
    }

    static void PrintProjects(ProjectList projects)
    {
        Console.WriteLine("Projects ({0} of {1}):", projects.Count, projects.TotalAvailable);
        foreach (var p in projects)
            Console.WriteLine("  - {0,-24} {1}{2}", p.Name, p.ParentId != null ? "(nested) " : "", p.Description ?? "");
    }

    static int Main()
    {
        string url = Environment.GetEnvironmentVariable("TSC_SERVER");
        string home = Env("TSC_SITE", "");
        if (url == null)
        {
            Console.Error.WriteLine("set TSC_SERVER (and TSC_USER/TSC_PASSWORD or TSC_PAT_NAME/TSC_PAT_SECRET)");
            return 2;
        }
        Console.WriteLine("{0}, touring {1}\n", Library.Version, url);
        Server server = null;
        Site site = null;
        bool switched = false;
        try
        {
            // 1. a server handle, and what the server says about itself (no sign-in needed)
            using (var opts = ServerOptions.Create(url))
            {
                opts.SetUserAgentSuffix("tour-csharp/1.0");
                server = Server.Create(opts);
            }
            using (var info = server.ServerInfo.Get())
                Console.WriteLine("Server: Tableau {0} (build {1}), REST API {2}", info.ProductVersion, info.BuildNumber ?? "?", info.RestApiVersion);

            // 2. sign in with a personal access token or a password
            using (var creds = SignInCredentials(home)) server.Auth.SignIn(creds);
            Console.WriteLine("Signed in as user {0} on site \"{1}\", using REST API {2}\n", server.UserId(), home, server.ApiVersion());

            // 3. create a site
            long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            string siteUrl = "tour" + now;
            using (var draft = Site.Create("Tour " + now, siteUrl))
            {
                draft.AdminMode = "ContentAndUsers";
                draft.UserQuota = 50;
                site = server.Sites.Create(draft);
            }
            Console.WriteLine("Created site \"{0}\" (contentUrl \"{1}\", id {2}, user quota {3})", site.Name, site.ContentUrl, site.Id, site.UserQuota);
            using (var sites = server.Sites.Get()) PrintSites(sites);

            // 4. update it: clone the fetched item, change it, send it
            string renamed;
            using (var change = site.Clone())
            {
                change.Name = "Tour (renamed)";
                change.StorageQuota = 1024;
                using (var updated = server.Sites.Update(change))
                {
                    renamed = updated.Name;
                    Console.WriteLine("Updated site: name \"{0}\", storage quota {1} MB\n", updated.Name, updated.StorageQuota);
                }
            }

            // 5. work inside the new site: a project with a nested one
            server.Auth.SwitchSite(siteUrl);
            switched = true;
            Console.WriteLine("Switched to site \"{0}\"", siteUrl);
            Project parent, child;
            using (var draft = Project.Create("Finance"))
            {
                draft.Description = "Budgets and forecasts";
                draft.ContentPermissions = "ManagedByOwner";
                parent = server.Projects.Create(draft);
            }
            using (var draft = Project.Create("Finance - Q1"))
            {
                draft.ParentId = parent.Id;
                child = server.Projects.Create(draft);
            }
            Console.WriteLine("Created project \"{0}\" and nested project \"{1}\"", parent.Name, child.Name);
            using (var projects = server.Projects.Get()) PrintProjects(projects);

            // 6. a filtered, sorted listing
            using (var filter = RequestOptions.Create())
            {
                filter.AddFilter("parentProjectId", FilterOp.Eq, parent.Id);
                filter.AddSort("name", SortDirection.Asc);
                using (var children = server.Projects.Get(filter))
                    Console.WriteLine("Children of \"{0}\": {1}", parent.Name, children.Count);
            }

            // 7. update a project
            using (var change = child.Clone())
            {
                change.Description = "First quarter";
                using (var updated = server.Projects.Update(change))
                    Console.WriteLine("Updated \"{0}\": description \"{1}\"\n", updated.Name, updated.Description);
            }

            // 8. clean up: delete the projects (children go with their parent) and the site
            server.Projects.Delete(parent.Id);
            Console.WriteLine("Deleted project \"{0}\" and its children", parent.Name);
            parent.Dispose();
            child.Dispose();
            server.Auth.SwitchSite(home);
            switched = false;
            server.Sites.Delete(site.Id);
            Console.WriteLine("Deleted site \"{0}\"", renamed);
            server.Auth.SignOut();
            Console.WriteLine("Signed out. Tour complete.");
            return 0;
        }
        catch (TscException e)
        {
            Console.Error.WriteLine("\nfailed: {0} (status {1}, HTTP {2}, code {3})", e.Message, e.Status, e.HttpStatus, e.ServerCode ?? "-");
            if (switched && server != null && site != null)
            {
                try { server.Auth.SwitchSite(home); server.Sites.Delete(site.Id); } catch (TscException) { }
            }
            return 1;
        }
        finally
        {
            if (site != null) site.Dispose();
            if (server != null) server.Dispose();
        }
    }
}
