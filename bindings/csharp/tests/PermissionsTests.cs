// Permissions and default permissions: rules built in C# for a user, a group and a group set;
// grant, read back, deny, delete; the default permissions of every kind; a capability the kind
// does not have and unknown grantees refused.
using System;
using System.Net;

namespace Tsc.Tests
{
    public static class PermissionsTests
    {
        const string Unknown = "00000000-0000-4000-8000-000000000000";
        const string CsGroupSet = "6a1d5c2e-0000-4000-8000-0000000000c5";

        static string NewProject(Server s)
        {
            using (var d = Project.Create(Fixture.Unique("C# Perms")))
            using (var p = s.Projects.Create(d))
                return p.Id;
        }

        static PermissionsRuleList One(GranteeType type, string id, Capability c, Permission m)
        {
            var l = PermissionsRuleList.Create();
            using (var r = PermissionsRule.Create(type, id))
            {
                r.SetCapability(c, m);
                l.Append(r);
            }
            return l;
        }

        static PermissionsRule Find(PermissionsRuleList l, string id)
        {
            foreach (var r in l)
                if (r.GranteeId == id) return r;
            return null;
        }

        public static void GrantReadDenyDelete()
        {
            using (var s = Fixture.SignedIn())
            {
                string p = NewProject(s);
                User u;
                using (var d = User.Create("cs.perm." + Guid.NewGuid().ToString("N").Substring(0, 8), "Explorer")) u = s.Users.Add(d);
                using (u)
                {
                    using (var rules = PermissionsRuleList.Create())
                    using (var r = PermissionsRule.Create(GranteeType.User, u.Id))
                    {
                        r.SetCapability(Capability.Read, Permission.Allow);
                        r.SetCapability(Capability.ProjectLeader, Permission.Allow);
                        rules.Append(r);
                        using (var outp = s.Projects.UpdatePermissions(p, rules)) Check.Equal(1, outp.Count, "update answers one rule");
                    }
                    using (var got = s.Projects.PopulatePermissions(p))
                    {
                        var mine = Find(got, u.Id);
                        Check.True(mine != null, "the user's rule is read back");
                        Check.Equal((int)GranteeType.User, mine.GranteeType, "grantee type");
                        Check.Equal(2L, mine.CapabilityCount, "two capabilities");
                        Check.Equal("Read", mine.CapabilityName(0), "first capability");
                        Check.Equal((int)Permission.Allow, mine.Mode(Capability.ProjectLeader), "ProjectLeader allowed");
                    }
                    using (var deny = One(GranteeType.User, u.Id, Capability.ProjectLeader, Permission.Deny))
                        s.Projects.UpdatePermissions(p, deny).Dispose();
                    PermissionsRule back;
                    using (var got = s.Projects.PopulatePermissions(p)) back = Find(got, u.Id).Clone();
                    using (back)
                    {
                        Check.Equal((int)Permission.Deny, back.Mode(Capability.ProjectLeader), "ProjectLeader denied");
                        Check.Equal((int)Permission.Allow, back.Mode(Capability.Read), "Read still allowed");
                        s.Projects.DeletePermission(p, back);
                        using (var got = s.Projects.PopulatePermissions(p)) Check.Equal(0, got.Count, "no rules after delete");
                        Check.Fails(Status.NotFound, () => s.Projects.DeletePermission(p, back), "deleting again");
                    }
                    s.Users.Remove(u.Id);
                }
            }
        }

        delegate PermissionsRuleList Populate(string project);
        delegate PermissionsRuleList Update(string project, PermissionsRuleList rules);
        delegate void Delete(string project, PermissionsRule rule);

        public static void DefaultPermissionsOfEveryKind()
        {
            using (var s = Fixture.SignedIn())
            {
                string p = NewProject(s);
                Group g;
                using (var d = Group.Create(Fixture.Unique("C# Perm Group"))) g = s.Groups.Create(d);
                using (g)
                {
                    var pr = s.Projects;
                    var kinds = new[] {
                        Tuple.Create("workbook", (Populate)pr.PopulateWorkbookDefaultPermissions, (Update)pr.UpdateWorkbookDefaultPermissions, (Delete)pr.DeleteWorkbookDefaultPermissions),
                        Tuple.Create("datasource", (Populate)pr.PopulateDatasourceDefaultPermissions, (Update)pr.UpdateDatasourceDefaultPermissions, (Delete)pr.DeleteDatasourceDefaultPermissions),
                        Tuple.Create("flow", (Populate)pr.PopulateFlowDefaultPermissions, (Update)pr.UpdateFlowDefaultPermissions, (Delete)pr.DeleteFlowDefaultPermissions),
                        Tuple.Create("metric", (Populate)pr.PopulateMetricDefaultPermissions, (Update)pr.UpdateMetricDefaultPermissions, (Delete)pr.DeleteMetricDefaultPermissions),
                        Tuple.Create("datarole", (Populate)pr.PopulateDataroleDefaultPermissions, (Update)pr.UpdateDataroleDefaultPermissions, (Delete)pr.DeleteDataroleDefaultPermissions),
                        Tuple.Create("lens", (Populate)pr.PopulateLensDefaultPermissions, (Update)pr.UpdateLensDefaultPermissions, (Delete)pr.DeleteLensDefaultPermissions),
                        Tuple.Create("virtualconnection", (Populate)pr.PopulateVirtualconnectionDefaultPermissions, (Update)pr.UpdateVirtualconnectionDefaultPermissions, (Delete)pr.DeleteVirtualconnectionDefaultPermissions),
                        Tuple.Create("database", (Populate)pr.PopulateDatabaseDefaultPermissions, (Update)pr.UpdateDatabaseDefaultPermissions, (Delete)pr.DeleteDatabaseDefaultPermissions),
                        Tuple.Create("table", (Populate)pr.PopulateTableDefaultPermissions, (Update)pr.UpdateTableDefaultPermissions, (Delete)pr.DeleteTableDefaultPermissions),
                    };
                    for (int i = 0; i < kinds.Length; i++)
                    {
                        var m = i % 2 == 0 ? Permission.Allow : Permission.Deny;
                        using (var l = One(GranteeType.Group, g.Id, Capability.Read, m))
                            kinds[i].Item3(p, l).Dispose();
                    }
                    for (int i = 0; i < kinds.Length; i++)
                    {
                        var m = i % 2 == 0 ? Permission.Allow : Permission.Deny;
                        PermissionsRule copy;
                        using (var got = kinds[i].Item2(p))
                        {
                            Check.Equal(1, got.Count, kinds[i].Item1 + ": one rule");
                            var r = Find(got, g.Id);
                            Check.True(r != null && r.GranteeType == (int)GranteeType.Group, kinds[i].Item1 + ": the group's rule");
                            Check.Equal((int)m, r.Mode(Capability.Read), kinds[i].Item1 + ": mode");
                            copy = r.Clone();
                        }
                        using (copy) kinds[i].Item4(p, copy);
                        using (var got = kinds[i].Item2(p)) Check.Equal(0, got.Count, kinds[i].Item1 + ": deleted");
                    }
                    s.Groups.Delete(g.Id);
                }
            }
        }

        public static void RefusedAndGroupSets()
        {
            using (var s = Fixture.SignedIn())
            {
                string p = NewProject(s);
                using (var l = One(GranteeType.User, Unknown, Capability.Read, Permission.Allow))
                {
                    var e = Check.Fails(Status.NotFound, () => s.Projects.UpdatePermissions(p, l).Dispose(), "unknown user");
                    Check.Equal("404002", e.ServerCode, "unknown user code");
                }
                using (var l = One(GranteeType.Group, Unknown, Capability.Read, Permission.Allow))
                {
                    var e = Check.Fails(Status.NotFound, () => s.Projects.UpdateDatabaseDefaultPermissions(p, l).Dispose(), "unknown group");
                    Check.Equal("404012", e.ServerCode, "unknown group code");
                }
                using (var wc = new WebClient())
                    wc.UploadString(Fixture.Url + "/_emulator/groupsets?site=&name=CsSet&id=" + CsGroupSet, "POST", "");
                using (var l = One(GranteeType.GroupSet, CsGroupSet, Capability.ProjectLeader, Permission.Allow))
                {
                    var e = Check.Fails(Status.BadRequest, () => s.Projects.UpdateWorkbookDefaultPermissions(p, l).Dispose(), "invalid capability");
                    Check.Equal("400009", e.ServerCode, "invalid capability code");
                }
                using (var l = One(GranteeType.GroupSet, CsGroupSet, Capability.ExportXml, Permission.Deny))
                    s.Projects.UpdateWorkbookDefaultPermissions(p, l).Dispose();
                using (var got = s.Projects.PopulateWorkbookDefaultPermissions(p))
                {
                    var r = Find(got, CsGroupSet);
                    Check.True(r != null && r.GranteeType == (int)GranteeType.GroupSet, "group set rule");
                    Check.Equal((int)Capability.ExportXml, r.Capability(0), "group set capability");
                    Check.Equal((int)Permission.Deny, r.CapabilityMode(0), "group set mode");
                }
                Check.Fails(Status.InvalidArgument, () => PermissionsRule.Create(GranteeType.User, " ").Dispose(), "empty grantee id");
                using (var empty = PermissionsRuleList.Create())
                    Check.Fails(Status.InvalidArgument, () => s.Projects.UpdatePermissions(p, empty).Dispose(), "no rules");
            }
        }
    }
}
