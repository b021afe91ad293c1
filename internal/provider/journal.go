package provider

import (
	"os"
	"strings"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/journal"
)

// WithJournalDir puts the journal of in-flight creates (internal/journal)
// in dir instead of where the environment says; journal.Off turns it off.
func WithJournalDir(dir string) Option {
	return func(s *settings) { s.journalDir, s.journalSet = dir, true }
}

// attachJournal gives every configured backend the journal of in-flight
// creates in dir (journalDir: $CLOUDORDER_JOURNAL_DIR, or
// cloudorder-journal in Terraform's data directory; "" is off). Nothing
// is read or written until a create or a Read needs it.
func attachJournal(d *Data, dir string) {
	j := journal.Open(dir, journal.Workspace(os.Getenv))
	if d.awanio != nil {
		d.awanio.SetJournal(j)
	}
	if d.waldur != nil {
		d.waldur.SetJournal(j)
	}
	if d.hostway != nil {
		d.hostway.SetJournal(j)
	}
}

// journalDir is the journal's directory, "" when it is off: the one
// WithJournalDir gave, or the one the environment names.
func (p *cloudorderProvider) journalDir() string {
	if !p.settings.journalSet {
		return journal.Dir(os.Getenv)
	}
	if strings.EqualFold(p.settings.journalDir, journal.Off) {
		return ""
	}
	return p.settings.journalDir
}
