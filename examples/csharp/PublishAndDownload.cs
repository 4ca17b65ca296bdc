// PublishAndDownload.cs: examples/c/publish_and_download.c in C#: publish a workbook with a
// progress bar, list its views, download it back, delete it.
//
//   PublishAndDownload.exe [WORKBOOK.twb|WORKBOOK.twbx]
//
// Without an argument it writes a small workbook of its own ("Example Sales.twb") into the
// current directory and publishes that, into the site's default project (replacing one of the
// same name); the download goes into ./downloads. Configuration from the environment as for Tour.cs.
using System;
using System.IO;
using Tsc;

static class PublishAndDownload
{
    const string SampleTwb =
        "<?xml version='1.0' encoding='utf-8' ?>\n" +
        "<workbook source-build='2023.3.0 (20233.23.1017.0948)' source-platform='linux' version='18.1' " +
        "xmlns:user='http://www.tableausoftware.com/xml/user'>\n" +
        "  <datasources>\n" +
        "    <datasource caption='Sales' inline='true' name='federated.0example' version='18.1'>\n" +
        "      <connection class='federated'>\n" +
        "        <named-connections>\n" +
        "          <named-connection caption='db.example.com' name='postgres.0example'>\n" +
        "            <connection class='postgres' dbname='sales' port='5432' server='db.example.com' username='analyst' />\n" +
        "          </named-connection>\n" +
        "        </named-connections>\n" +
        "      </connection>\n" +
        "    </datasource>\n" +
        "  </datasources>\n" +
        "  <worksheets>\n" +
        "    <worksheet name='Revenue by Month'>\n" +
        "      <table><view><datasources><datasource name='federated.0example' /></datasources></view>" +
        "<style /><panes><pane><mark class='Automatic' /></pane></panes><rows /><cols /></table>\n" +
        "    </worksheet>\n" +
        "    <worksheet name='Top Customers'>\n" +
        "      <table><view><datasources><datasource name='federated.0example' /></datasources></view>" +
        "<style /><panes><pane><mark class='Bar' /></pane></panes><rows /><cols /></table>\n" +
        "    </worksheet>\n" +
        "  </worksheets>\n" +
        "  <dashboards>\n" +
        "    <dashboard name='Sales Overview'>\n" +
        "      <size maxheight='800' maxwidth='1000' minheight='800' minwidth='1000' />\n" +
        "      <zones />\n" +
        "    </dashboard>\n" +
        "  </dashboards>\n" +
        "  <windows />\n" +
        "</workbook>\n";

    /// <summary>A progress bar; runs on this thread, during the call.</summary>
    static ProgressHandler Bar(string what)
    {
        return (done, total) =>
        {
            const int width = 40;
            int filled = total > 0 ? (int)(done * width / (ulong)total) : 0;
            string bar = new string('#', filled) + new string(' ', width - filled);
            if (total >= 0)
                Console.Write("\r  {0,-9} [{1}] {2,3}%  {3:F1} of {4:F1} KiB", what, bar, total > 0 ? done * 100 / (ulong)total : 100, done / 1024.0, total / 1024.0);
            else
                Console.Write("\r  {0,-9} [{1}] {2:F1} KiB", what, bar, done / 1024.0);
            if (total >= 0 && done == (ulong)total) Console.WriteLine();
        };
    }

    static int Main(string[] args)
    {
        string url = Environment.GetEnvironmentVariable("TSC_SERVER");
        if (url == null)
        {
            Console.Error.WriteLine("set TSC_SERVER (and TSC_USER/TSC_PASSWORD or TSC_PAT_NAME/TSC_PAT_SECRET)");
            return 2;
        }
        string file = args.Length > 0 ? args[0] : "Example Sales.twb";
        if (args.Length == 0) File.WriteAllText(file, SampleTwb);
        try
        {
            using (var opts = ServerOptions.Create(url))
            using (var server = Server.Create(opts))
            {
                using (var creds = Tour.SignInCredentials(Environment.GetEnvironmentVariable("TSC_SITE") ?? ""))
                    server.Auth.SignIn(creds);

                // the default project
                string projectId = null;
                using (var projects = server.Projects.Get())
                {
                    foreach (var p in projects)
                        if (p.Name == "default" || p.Name == "Default") projectId = p.Id;
                    if (projectId == null && projects.Count > 0) projectId = projects[0].Id;
                }
                if (projectId == null)
                {
                    Console.Error.WriteLine("the site has no project to publish into");
                    return 1;
                }

                // publish with a progress bar (an empty name takes the file's name)
                Console.WriteLine("Publishing {0}", file);
                using (var transfer = TransferOptions.Create())
                using (var item = Workbook.Create("", projectId))
                {
                    transfer.SetProgress(Bar("upload"));
                    item.ShowTabs = true;
                    using (var wb = server.Workbooks.Publish(item, file, PublishMode.Overwrite, null, transfer))
                    {
                        Console.WriteLine("Published \"{0}\" (id {1}) into project {2}", wb.Name, wb.Id, wb.ProjectName ?? projectId);

                        // its views
                        using (var views = server.Workbooks.PopulateViews(wb, false))
                        {
                            Console.WriteLine("Views ({0}):", views.Count);
                            foreach (var v in views)
                                Console.WriteLine("  {0,-24} {1,-10} {2}", v.Name, v.SheetType ?? "", v.ContentUrl ?? "");
                        }

                        // download it back into ./downloads
                        Directory.CreateDirectory("downloads");
                        Console.WriteLine("Downloading");
                        transfer.SetProgress(Bar("download"));
                        string downloaded = server.Workbooks.Download(wb.Id, "downloads", transfer);
                        Console.WriteLine("Downloaded to {0}", downloaded);

                        server.Workbooks.Delete(wb.Id);
                        Console.WriteLine("Deleted the workbook again");
                    }
                }
                server.Auth.SignOut();
                Console.WriteLine("Signed out.");
            }
            return 0;
        }
        catch (TscException e)
        {
            Console.Error.WriteLine("\nfailed: {0} (status {1}, HTTP {2}, code {3})", e.Message, e.Status, e.HttpStatus, e.ServerCode ?? "-");
            return 1;
        }
    }
}
