// Library basics, every P/Invoke resolvable, sign-in (password, PAT, JWT), server info, sites.
using System;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Tsc.Tests
{
    public static class BasicsTests
    {
        public static void VersionMatchesTheBindingsBuild()
        {
            Check.True(Library.Version.Contains(Constants.VersionMajor + "." + Constants.VersionMinor + "."), "version text: " + Library.Version);
            uint n = Library.VersionNumber;
            Check.Equal((uint)Constants.VersionMajor, n >> 16, "major");
            Check.Equal((uint)Constants.VersionMinor, (n >> 8) & 0xff, "minor");
            Check.Equal(long.MinValue, Library.AbsentInt, "TSC_ABSENT_INT");
            string nf = Library.StatusStr(Status.NotFound);
            Check.True(nf.Length > 0 && nf != Library.StatusStr((Status)9999), "status text: " + nf);
        }

        public static void EveryNativeFunctionResolves()
        {
            Type native = typeof(Server).Assembly.GetType("Tsc.Native", true);
            int n = 0;
            foreach (var m in native.GetMethods(BindingFlags.NonPublic | BindingFlags.Static))
            {
                if ((m.Attributes & MethodAttributes.PinvokeImpl) == 0) continue;
                Marshal.Prelink(m); // throws EntryPointNotFoundException for a missing symbol
                n++;
            }
            Check.True(n > 400, "P/Invoke declarations: " + n);
        }

        public static void SignInWithPasswordAndOut()
        {
            using (var s = Fixture.NewServer())
            {
                Check.True(!s.IsSignedIn, "not signed in yet");
                Check.Fails(Status.NotSignedIn, () => s.Projects.Get(), "listing before sign-in");
                using (var c = Credentials.CreatePassword("admin", "admin", ""))
                    s.Auth.SignIn(c);
                Check.True(s.IsSignedIn, "signed in");
                Check.True(s.UserId().Length > 0, "user id");
                Check.True(s.AuthToken().Length > 0, "token");
                Check.True(s.ApiVersion().Contains("."), "api version " + s.ApiVersion());
                Check.Equal(Fixture.Url.TrimEnd('/'), s.Url.TrimEnd('/'), "url");
                s.Auth.SignOut();
                Check.True(!s.IsSignedIn, "signed out");
            }
        }

        public static void WrongPasswordIs401()
        {
            using (var s = Fixture.NewServer())
            using (var c = Credentials.CreatePassword("admin", "Xq9-not-it", ""))
            {
                var e = Check.Fails(Status.Unauthorized, () => s.Auth.SignIn(c), "bad password");
                Check.Equal(401, e.HttpStatus, "http status");
                Check.True(e.ServerCode != null && e.ServerCode.StartsWith("401"), "code " + e.ServerCode);
                Check.True(!e.Message.Contains("Xq9-not-it"), "the password is not in the message");
            }
        }

        public static void SignInWithPat()
        {
            using (var s = Fixture.NewServer())
            using (var c = Credentials.CreatePat("test-pat", "pat-secret", ""))
            {
                s.Auth.SignIn(c);
                Check.True(s.IsSignedIn, "signed in with a PAT");
                using (var l = s.Projects.Get()) Check.True(l.Count > 0, "projects visible");
            }
        }

        public static void SignInWithJwt()
        {
            string jwt = Environment.GetEnvironmentVariable("TSC_TEST_JWT");
            Check.True(!string.IsNullOrEmpty(jwt), "TSC_TEST_JWT is set");
            using (var s = Fixture.NewServer())
            using (var c = Credentials.CreateJwt(jwt, ""))
            {
                s.Auth.SignIn(c);
                Check.True(s.IsSignedIn, "signed in with a JWT");
                Check.True(s.UserId().Length > 0, "user id");
            }
        }

        public static void ServerInfoWithoutSignIn()
        {
            using (var s = Fixture.NewServer())
            using (var info = s.ServerInfo.Get())
            {
                Check.True(!string.IsNullOrEmpty(info.ProductVersion), "product version");
                Check.True(info.RestApiVersion.Contains("."), "rest api version " + info.RestApiVersion);
            }
        }

        public static void SitesCreateGetUpdateDelete()
        {
            using (var s = Fixture.SignedIn())
            {
                string url = "cs" + Guid.NewGuid().ToString("N").Substring(0, 10);
                string name = Fixture.Unique("Site");
                using (var draft = Site.Create(name, url))
                {
                    draft.AdminMode = "ContentAndUsers";
                    draft.UserQuota = 50;
                    Check.Equal((long?)50, draft.UserQuota, "quota set locally");
                    using (var site = s.Sites.Create(draft))
                    {
                        Check.Equal(name, site.Name, "UTF-8 name round trip");
                        Check.Equal(url, site.ContentUrl, "content url");
                        Check.Equal((long?)50, site.UserQuota, "quota");
                        using (var got = s.Sites.GetById(site.Id)) Check.Equal(name, got.Name, "get by id");
                        using (var got = s.Sites.GetByContentUrl(url)) Check.Equal(site.Id, got.Id, "by url");
                        using (var change = site.Clone())
                        {
                            change.Name = name + " renamed";
                            change.StorageQuota = 1024;
                            using (var upd = s.Sites.Update(change))
                            {
                                Check.Equal(name + " renamed", upd.Name, "renamed");
                                Check.Equal((long?)1024, upd.StorageQuota, "storage quota");
                            }
                        }
                        Check.Equal(name, site.Name, "the fetched item did not change");
                        using (var all = s.Sites.Get())
                        {
                            bool found = false;
                            foreach (var x in all) if (x.Id == site.Id) found = true;
                            Check.True(found, "new site listed");
                        }
                        s.Sites.Delete(site.Id);
                        Check.Fails(Status.NotFound, () => s.Sites.GetById(site.Id).Dispose(), "deleted");
                    }
                }
            }
        }
    }
}
