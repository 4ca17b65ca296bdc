// Users, groups (string arrays in), favorites.
using System;
using System.Collections.Generic;

namespace Tsc.Tests
{
    public static class PeopleTests
    {
        static User AddUser(Server s, string name)
        {
            using (var u = User.Create(name, "Explorer")) return s.Users.Add(u);
        }

        public static void UsersAddGetUpdateRemove()
        {
            using (var s = Fixture.SignedIn())
            {
                string name = "cs.user." + Guid.NewGuid().ToString("N").Substring(0, 8);
                using (var u = AddUser(s, name))
                {
                    Check.Equal(name, u.Name, "name");
                    Check.Equal("Explorer", u.SiteRole, "role");
                    using (var change = u.Clone())
                    {
                        change.Fullname = "Zoë Ünïcode";
                        change.Email = name + "@example.com";
                        using (var upd = s.Users.Update(change, "new-password-1"))
                        {
                            Check.Equal("Zoë Ünïcode", upd.Fullname, "full name");
                            Check.Equal(name + "@example.com", upd.Email, "email");
                        }
                    }
                    using (var got = s.Users.GetById(u.Id)) Check.Equal("Zoë Ünïcode", got.Fullname, "fetched");
                    using (var opts = RequestOptions.Create())
                    {
                        opts.AddFilter("name", FilterOp.Eq, name);
                        using (var l = s.Users.Get(opts)) Check.Equal(1, l.Count, "filter by name");
                    }
                    s.Users.Remove(u.Id);
                    Check.Fails(Status.NotFound, () => s.Users.GetById(u.Id).Dispose(), "removed");
                }
            }
        }

        public static void GroupsAndMembers()
        {
            using (var s = Fixture.SignedIn())
            {
                var users = new List<User>();
                for (int i = 0; i < 3; i++) users.Add(AddUser(s, "cs.member." + i + "." + Guid.NewGuid().ToString("N").Substring(0, 6)));
                string gname = Fixture.Unique("Group");
                Group g;
                using (var draft = Group.Create(gname)) g = s.Groups.Create(draft);
                using (g)
                {
                    Check.Equal(gname, g.Name, "group name");
                    Check.Fails(Status.Conflict, () => { using (var d = Group.Create(gname)) s.Groups.Create(d).Dispose(); }, "duplicate group");
                    using (var added = s.Groups.AddUser(g, users[0].Id)) Check.Equal(users[0].Id, added.Id, "added one");
                    using (var added = s.Groups.AddUsers(g, new[] { users[1].Id, users[2].Id })) Check.Equal(2, added.Count, "added two");
                    using (var members = s.Groups.PopulateUsers(g))
                    {
                        Check.Equal(3, members.Count, "three members");
                    }
                    int walked = 0;
                    using (var p = s.Groups.UsersPager(g, null, 0)) foreach (var u in p) walked++;
                    Check.Equal(3, walked, "members pager");
                    using (var gs = s.Users.PopulateGroups(users[0]))
                    {
                        bool found = false;
                        foreach (var x in gs) if (x.Id == g.Id) found = true;
                        Check.True(found, "the user's groups include the group");
                    }
                    s.Groups.RemoveUsers(g, new List<string> { users[1].Id, users[2].Id });
                    s.Groups.RemoveUser(g, users[0].Id);
                    using (var members = s.Groups.PopulateUsers(g)) Check.Equal(0, members.Count, "no members left");
                    using (var change = g.Clone())
                    {
                        change.Name = gname + " 2";
                        using (var upd = s.Groups.Update(change)) Check.Equal(gname + " 2", upd.Name, "renamed");
                    }
                    s.Groups.Delete(g.Id);
                    var e = Check.Fails(Status.NotFound, () => s.Groups.Delete(g.Id), "deleted twice");
                    Check.True(e.ServerCode.StartsWith("404"), "code " + e.ServerCode);
                }
                foreach (var u in users) { s.Users.Remove(u.Id); u.Dispose(); }
            }
        }

        public static void Favorites()
        {
            using (var s = Fixture.SignedIn())
            using (var me = s.Users.GetById(s.UserId()))
            {
                Project p;
                using (var d = Project.Create(Fixture.Unique("Fav"))) p = s.Projects.Create(d);
                string label = "My, favourite: [one] ś";
                using (var f = Favorite.Create(label, "project", p.Id))
                {
                    s.Favorites.Add(me, f);
                    Check.Fails(Status.Conflict, () => s.Favorites.Add(me, f), "added twice");
                    bool found = false;
                    using (var l = s.Users.PopulateFavorites(me))
                        foreach (var x in l)
                            if (x.ContentId == p.Id) { found = true; Check.Equal(label, x.Label, "label"); }
                    Check.True(found, "favorite listed");
                    int n = 0;
                    using (var pager = s.Favorites.Pager(me, null, 0)) foreach (var x in pager) if (x.ContentId == p.Id) n++;
                    Check.Equal(1, n, "favorite in the pager");
                    s.Favorites.Delete(me, f);
                    using (var l = s.Users.PopulateFavorites(me))
                        foreach (var x in l) Check.True(x.ContentId != p.Id, "favorite deleted");
                }
                s.Projects.Delete(p.Id);
                p.Dispose();
            }
        }
    }
}
