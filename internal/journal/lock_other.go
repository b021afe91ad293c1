//go:build !unix

package journal

import (
	"errors"
	"os"
)

// supported reports whether entries can be locked on this platform: not
// here, so Open returns no journal (a journal whose entries cannot be
// told alive from dead could take a running apply's entry).
const supported = false

func tryLock(*os.File) (bool, error) { return false, errors.New("no advisory locks on this platform") }
