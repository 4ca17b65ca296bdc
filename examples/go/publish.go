// publish.go: what examples/c/publish_and_download.c does: a workbook published with a
// progress bar into the default project, its views listed, downloaded back, deleted.
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"libtsc.dev/tsc"
)

const sampleTwb = `<?xml version='1.0' encoding='utf-8' ?>
<workbook source-build='2023.3.0 (20233.23.1017.0948)' source-platform='linux' version='18.1' xmlns:user='http://www.tableausoftware.com/xml/user'>
  <datasources>
    <datasource caption='Sales' inline='true' name='federated.0example' version='18.1'>
      <connection class='federated'>
        <named-connections>
          <named-connection caption='db.example.com' name='postgres.0example'>
            <connection class='postgres' dbname='sales' port='5432' server='db.example.com' username='analyst' />
          </named-connection>
        </named-connections>
      </connection>
    </datasource>
  </datasources>
  <worksheets>
    <worksheet name='Revenue by Month'>
      <table><view><datasources><datasource name='federated.0example' /></datasources></view><style /><panes><pane><mark class='Automatic' /></pane></panes><rows /><cols /></table>
    </worksheet>
    <worksheet name='Top Customers'>
      <table><view><datasources><datasource name='federated.0example' /></datasources></view><style /><panes><pane><mark class='Bar' /></pane></panes><rows /><cols /></table>
    </worksheet>
  </worksheets>
  <dashboards>
    <dashboard name='Sales Overview'>
      <size maxheight='800' maxwidth='1000' minheight='800' minwidth='1000' />
      <zones />
    </dashboard>
  </dashboards>
  <windows />
</workbook>
`

// progressBar draws a bar on the terminal; it runs on the calling goroutine, during the call.
func progressBar(what string) tsc.ProgressFunc {
	return func(done uint64, total int64) error {
		const width = 40
		filled := 0
		if total > 0 {
			filled = int(done * width / uint64(total))
		}
		bar := strings.Repeat("#", filled) + strings.Repeat(" ", width-filled)
		if total >= 0 {
			fmt.Printf("\r  %-9s [%s] %.1f of %.1f KiB", what, bar, float64(done)/1024, float64(total)/1024)
			if done == uint64(total) {
				fmt.Println()
			}
		} else {
			fmt.Printf("\r  %-9s [%s] %.1f KiB", what, bar, float64(done)/1024)
		}
		return nil
	}
}

func defaultProject(srv *tsc.Server) (string, error) {
	list, err := srv.Projects().Get(nil)
	if err != nil {
		return "", err
	}
	defer list.Close()
	for _, p := range list.Items() {
		if p.Name() == "default" || p.Name() == "Default" {
			return p.ID(), nil
		}
	}
	if list.Count() > 0 {
		return list.Get(0).ID(), nil
	}
	return "", fmt.Errorf("the site has no project to publish into")
}

func publishAndDownload(srv *tsc.Server) error {
	work, err := os.MkdirTemp("", "tsc-go-example")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	file := filepath.Join(work, "Example Sales.twb")
	if len(os.Args) > 1 {
		file = os.Args[1]
	} else if err := os.WriteFile(file, []byte(sampleTwb), 0o644); err != nil {
		return err
	}
	project, err := defaultProject(srv)
	if err != nil {
		return err
	}
	item, err := tsc.NewWorkbook("", project)
	if err != nil {
		return err
	}
	defer item.Close()
	if err := item.SetShowTabs(1); err != nil {
		return err
	}
	transfer, err := tsc.NewTransferOptions()
	if err != nil {
		return err
	}
	defer transfer.Close()
	if err := transfer.SetProgress(progressBar("upload")); err != nil {
		return err
	}
	ctx := context.Background()
	fmt.Printf("\nPublishing %s\n", filepath.Base(file))
	wb, job, err := srv.Workbooks().Publish(ctx, item, file, tsc.PublishModeOverwrite, nil, transfer)
	if err != nil {
		return err
	}
	job.Close()
	defer wb.Close()
	fmt.Printf("Published %q (id %s)\n", wb.Name(), wb.ID())

	views, err := srv.Workbooks().PopulateViews(wb, false)
	if err != nil {
		return err
	}
	fmt.Printf("Views (%d):\n", views.Count())
	for _, v := range views.Items() {
		fmt.Printf("  - %-20s %s\n", v.Name(), v.ContentURL())
	}
	views.Close()

	if err := transfer.SetProgress(progressBar("download")); err != nil {
		return err
	}
	dir := filepath.Join(work, "downloads")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	path, err := srv.Workbooks().Download(ctx, wb.ID(), dir, transfer)
	if err != nil {
		return err
	}
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	fmt.Printf("Downloaded to downloads/%s (%d bytes)\n", filepath.Base(path), info.Size())
	if err := srv.Workbooks().Delete(wb.ID()); err != nil {
		return err
	}
	fmt.Printf("Deleted %q\n", wb.Name())
	return nil
}
