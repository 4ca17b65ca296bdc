// What every test needs: the emulator's URL and samples from the environment, a signed-in
// server, unique names, and cleanup.
using System;
using System.IO;

namespace Tsc.Tests
{
    public static class Fixture
    {
        public static string Url
        {
            get
            {
                string u = Environment.GetEnvironmentVariable("TSC_TEST_URL");
                if (string.IsNullOrEmpty(u)) throw new InvalidOperationException("TSC_TEST_URL is not set");
                return u;
            }
        }

        public static string Samples
        {
            get { return Environment.GetEnvironmentVariable("TSC_TEST_SAMPLES") ?? "."; }
        }

        static int counter;

        /// <summary>A name no other test uses, with non-ASCII text to exercise UTF-8.</summary>
        public static string Unique(string prefix)
        {
            return prefix + " ł€ " + System.Threading.Interlocked.Increment(ref counter) + "-" + Guid.NewGuid().ToString("N").Substring(0, 8);
        }

        /// <summary>A server handle, not signed in.</summary>
        public static Server NewServer()
        {
            using (var opts = ServerOptions.Create(Url))
            {
                opts.SetUserAgentSuffix("csharp-tests/1.0");
                return Server.Create(opts);
            }
        }

        /// <summary>A server signed in as admin on the Default site.</summary>
        public static Server SignedIn()
        {
            var s = NewServer();
            using (var c = Credentials.CreatePassword("admin", "admin", ""))
            {
                s.Auth.SignIn(c);
            }
            return s;
        }

        /// <summary>The id of the site's default project.</summary>
        public static string DefaultProjectId(Server s)
        {
            using (var projects = s.Projects.Get())
            {
                foreach (var p in projects)
                    if (p.Name == "Default" || p.Name == "default") return p.Id;
                Check.True(projects.Count > 0, "the site has a project");
                return projects[0].Id;
            }
        }

        public static string Sample(string file)
        {
            string p = Path.Combine(Samples, file);
            Check.True(File.Exists(p), "sample " + p + " exists");
            return p;
        }

        public static string TempDir()
        {
            string d = Path.Combine(Path.GetTempPath(), "tsc-cs-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(d);
            return d;
        }
    }
}
