package mockcloud

import (
	"bufio"
	"bytes"
	"net"
	"net/http"
)

// commitWriter holds a handler's answer until the state it reports is
// saved (WithAutoSave): the mock commits, then answers. A mock killed
// (SIGKILL) between the two has then never told a client about an object
// that its state file lacks, as a real server's database commits before
// the HTTP answer leaves.
type commitWriter struct {
	w        http.ResponseWriter
	status   int
	body     bytes.Buffer
	hijacked bool
}

func (c *commitWriter) Header() http.Header { return c.w.Header() }

func (c *commitWriter) WriteHeader(code int) {
	if c.status == 0 {
		c.status = code
	}
}

func (c *commitWriter) Write(b []byte) (int, error) {
	if c.status == 0 {
		c.status = http.StatusOK
	}
	return c.body.Write(b)
}

// Hijack lets dropConnection close the connection; nothing held is sent
// after that.
func (c *commitWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	conn, rw, err := http.NewResponseController(c.w).Hijack()
	if err == nil {
		c.hijacked = true
	}
	return conn, rw, err
}

// release sends the held answer, if the handler wrote one.
func (c *commitWriter) release() {
	if c.hijacked || c.status == 0 {
		return
	}
	c.w.WriteHeader(c.status)
	_, _ = c.w.Write(c.body.Bytes())
}
