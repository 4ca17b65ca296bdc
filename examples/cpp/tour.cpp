// tour.cpp: libtsc from C++ (include <tsc.hpp>): what examples/c/tour.c and
// examples/c/publish_and_download.c do, in one program.
//
// Signs in, shows the server's version, creates a site and a project (with a nested one), lists
// them (also filtered and sorted), updates and deletes them; then publishes a workbook with a
// progress bar, lists its views, downloads it back into ./downloads and deletes it. Errors are
// exceptions (tsc::error); every handle frees itself. Configuration comes from the environment:
//
//   TSC_SERVER                    server URL, e.g. https://tableau.example.com (required)
//   TSC_USER and TSC_PASSWORD     a user name and password, or
//   TSC_PAT_NAME, TSC_PAT_SECRET  a personal access token
//   TSC_SITE                      the site's content URL ("" or unset: the Default site)
//
//   tour [WORKBOOK.twb|WORKBOOK.twbx]   (without one it writes "Example Sales.twb" and publishes it)
//
// `make demo-cpp` runs it against a fresh tsc-emulator. Creating sites needs a server administrator.
// Build: c++ -std=c++17 tour.cpp $(pkg-config --cflags --libs tsc)
#include <tsc.hpp>

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <string>

namespace {

std::string env(const char *name, const char *fallback) {
    const char *v = std::getenv(name);
    return v ? v : fallback;
}

/// "?" for an absent value.
std::string_view or_q(std::optional<std::string_view> s) { return s.value_or("?"); }

/// Redraws a progress bar; runs on this thread, during the transfer.
tsc::progress_fn progress_bar(const char *what) {
    return [what](std::uint64_t done, std::int64_t total) {
        const int width = 40;
        int filled = total > 0 ? static_cast<int>(done * width / static_cast<std::uint64_t>(total)) : 0;
        std::printf("\r  %-9s [%s%s] %.1f KiB", what, std::string(filled, '#').c_str(),
                    std::string(width - filled, ' ').c_str(), done / 1024.0);
        if (total >= 0 && done == static_cast<std::uint64_t>(total)) std::printf("\n");
        std::fflush(stdout);
    };
}

void write_sample(const std::string &path) {
    std::ofstream(path) << "<?xml version='1.0' encoding='utf-8' ?>\n"
                           "<workbook source-build='2023.3.0 (20233.23.1017.0948)' source-platform='linux' "
                           "version='18.1' xmlns:user='http://www.tableausoftware.com/xml/user'>\n"
                           "  <datasources>\n"
                           "    <datasource caption='Sales' inline='true' name='federated.0example' version='18.1'>\n"
                           "      <connection class='federated'><named-connections>\n"
                           "        <named-connection caption='db.example.com' name='postgres.0example'>\n"
                           "          <connection class='postgres' dbname='sales' port='5432' "
                           "server='db.example.com' username='analyst' />\n"
                           "        </named-connection>\n"
                           "      </named-connections></connection>\n"
                           "    </datasource>\n"
                           "  </datasources>\n"
                           "  <worksheets>\n"
                           "    <worksheet name='Revenue by Month'><table><view><datasources><datasource "
                           "name='federated.0example' /></datasources></view><style /><panes><pane><mark "
                           "class='Automatic' /></pane></panes><rows /><cols /></table></worksheet>\n"
                           "    <worksheet name='Top Customers'><table><view><datasources><datasource "
                           "name='federated.0example' /></datasources></view><style /><panes><pane><mark "
                           "class='Bar' /></pane></panes><rows /><cols /></table></worksheet>\n"
                           "  </worksheets>\n"
                           "  <dashboards><dashboard name='Sales Overview'><size maxheight='800' maxwidth='1000' "
                           "minheight='800' minwidth='1000' /><zones /></dashboard></dashboards>\n"
                           "  <windows />\n"
                           "</workbook>\n";
}

void tour(const tsc::server &server, const std::string &home) {
    // create a site, list the sites, update it
    std::string stamp = std::to_string(std::time(nullptr));
    tsc::site draft = tsc::site::create("Tour " + stamp, "tour" + stamp);
    draft.set_admin_mode("ContentAndUsers").set_user_quota(50);
    tsc::site site = server.sites().create(draft);
    std::cout << "Created site \"" << or_q(site.name()) << "\" (id " << or_q(site.id()) << ", user quota "
              << site.user_quota().value_or(-1) << ")\n";
    tsc::site_list sites = server.sites().get();
    std::cout << "Sites (" << sites.size() << " of " << sites.total_available() << "):\n";
    for (auto s : sites) std::cout << "  - " << or_q(s.name()) << "  contentUrl=\"" << or_q(s.content_url()) << "\"\n";
    tsc::site change = site;  // a copy (tsc_site_clone) is mutable
    change.set_name("Tour (renamed)").set_storage_quota(1024);
    tsc::site updated = server.sites().update(change);
    std::cout << "Updated site: \"" << or_q(updated.name()) << "\", storage quota "
              << updated.storage_quota().value_or(-1) << " MB\n\n";

    // work inside it: a project with a nested one
    std::string site_url(site.content_url().value());
    server.auth().switch_site(site_url);
    std::cout << "Switched to site \"" << site_url << "\"\n";
    tsc::project pdraft = tsc::project::create("Finance");
    pdraft.set_description("Budgets and forecasts").set_content_permissions("ManagedByOwner");
    tsc::project parent = server.projects().create(pdraft);
    tsc::project cdraft = tsc::project::create("Finance - Q1");
    cdraft.set_parent_id(parent.id());
    tsc::project child = server.projects().create(cdraft);
    std::cout << "Created project \"" << or_q(parent.name()) << "\" and nested \"" << or_q(child.name()) << "\"\n";
    for (auto p : server.projects().get())
        std::cout << "  - " << or_q(p.name()) << (p.parent_id() ? " (nested)" : "") << "\n";

    auto filter = tsc::request_options::create();
    filter.add_filter("parentProjectId", tsc::filter_op::eq, parent.id().value())
        .add_sort("name", tsc::sort_direction::asc);
    std::cout << "Children of \"" << or_q(parent.name()) << "\": " << server.projects().get(filter).size() << "\n";
    tsc::project pchange = child;
    pchange.set_description("First quarter");
    std::cout << "Updated \"" << or_q(child.name()) << "\": description \""
              << or_q(server.projects().update(pchange).description()) << "\"\n\n";

    // clean up
    server.projects().delete_(parent.id().value());
    server.auth().switch_site(home);
    server.sites().delete_(site.id().value());
    std::cout << "Deleted the projects and the site\n\n";
}

void publish_and_download(const tsc::server &server, const std::string &file) {
    std::string project_id;
    for (auto p : server.projects().get())
        if (p.name() == std::optional<std::string_view>("Default") || p.name() == std::optional<std::string_view>("default"))
            project_id = p.id().value();
    if (project_id.empty()) throw std::runtime_error("the site has no Default project to publish into");

    std::cout << "Publishing " << file << "\n";
    auto transfer = tsc::transfer_options::create();
    transfer.set_progress(progress_bar("upload"));
    tsc::workbook item = tsc::workbook::create("", project_id);  // "": the file's name
    item.set_show_tabs(true);
    tsc::workbook wb = server.workbooks().publish(item, file, tsc::publish_mode::overwrite, {}, transfer).workbook;
    std::cout << "Published \"" << or_q(wb.name()) << "\" (id " << or_q(wb.id()) << ")\n";

    tsc::view_list views = server.workbooks().populate_views(wb, false);
    std::cout << "Views (" << views.size() << "):\n";
    for (const auto &v : views) std::cout << "  " << or_q(v.name()) << "  " << or_q(v.sheet_type()) << "\n";

    if (mkdir("downloads", 0755) != 0 && errno != EEXIST) throw std::runtime_error("cannot create ./downloads");
    std::cout << "Downloading\n";
    transfer.set_progress(progress_bar("download"));
    std::optional<std::string> path = server.workbooks().download(wb.id().value(), "downloads", transfer);
    std::cout << "Downloaded to " << path.value_or("?") << "\n";
    server.workbooks().delete_(wb.id().value());
    std::cout << "Deleted the workbook again\n";
}

}  // namespace

int main(int argc, char **argv) {
    const char *url = std::getenv("TSC_SERVER");
    if (url == nullptr) {
        std::cerr << "set TSC_SERVER (and TSC_USER/TSC_PASSWORD or TSC_PAT_NAME/TSC_PAT_SECRET)\n";
        return 2;
    }
    std::string home = env("TSC_SITE", "");
    try {
        std::cout << tsc::version() << ", touring " << url << "\n\n";
        auto opts = tsc::server_options::create(url);
        opts.set_user_agent_suffix("tour-cpp/1.0");
        tsc::server server = tsc::server::create(opts);  // thread-safe: share it freely
        tsc::server_info info = server.server_info().get();
        std::cout << "Server: Tableau " << or_q(info.product_version()) << " (build " << or_q(info.build_number())
                  << "), REST API " << or_q(info.rest_api_version()) << "\n";
        tsc::credentials creds =
            std::getenv("TSC_PAT_NAME")
                ? tsc::credentials::pat(env("TSC_PAT_NAME", ""), env("TSC_PAT_SECRET", ""), home)
                : tsc::credentials::password(env("TSC_USER", "admin"), env("TSC_PASSWORD", ""), home);
        server.auth().sign_in(creds);
        std::cout << "Signed in as user " << server.user_id().value_or("?") << " on site \"" << home
                  << "\", REST API " << server.api_version().value_or("?") << "\n\n";

        tour(server, home);
        std::string file = argc > 1 ? argv[1] : "Example Sales.twb";
        if (argc <= 1) write_sample(file);
        publish_and_download(server, file);

        server.auth().sign_out();
        std::cout << "Signed out. Tour complete.\n";
        return 0;
    } catch (const tsc::error &e) {
        std::cerr << "\nfailed: " << e.what() << " (status " << static_cast<int>(e.status()) << ", HTTP "
                  << e.http_status() << ", code " << e.server_code().value_or("-") << ")\n";
    } catch (const std::exception &e) {
        std::cerr << "\nfailed: " << e.what() << "\n";
    }
    return 1;
}
