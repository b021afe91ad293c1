package awanio

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

// awDo sends an Awanio request with a JWT ("" for none).
func (e *testEnv) awDo(method, path, jwt string, body any, header ...string) testResponse {
	e.T.Helper()
	h := map[string]string{}
	if jwt != "" {
		h["Authorization"] = "Bearer " + jwt
	}
	for i := 0; i+1 < len(header); i += 2 {
		h[header[i]] = header[i+1]
	}
	return e.DoWith(method, AwanioPrefix+path, body, h)
}

// awData is data of a successful envelope.
func awData(t *testing.T, r testResponse) any {
	t.Helper()
	env := r.Object(t)
	if env["result"] != true {
		t.Fatalf("result is %v in %s", env["result"], r.Body)
	}
	return env["data"]
}

func (e *testEnv) awLogin() string {
	e.T.Helper()
	r := e.awDo("POST", "/accounts/login", "", map[string]string{"username": e.Demo.Username, "password": e.Demo.Password}).Want(e.T, 200)
	tok := str(awData(e.T, r).(map[string]any)["token"])
	if strings.Count(tok, ".") != 2 {
		e.T.Fatalf("token %q does not look like a JWT", tok)
	}
	return tok
}

func TestAwanioLoginAndAuthErrors(t *testing.T) {
	e := newTestEnv(t)
	tok := e.awLogin()
	if tok2 := e.awLogin(); tok2 == tok {
		t.Fatal("two logins got the same JWT")
	}
	// Both the e-mail address and the username log in.
	e.awDo("POST", "/accounts/login", "", map[string]string{"username": "demo@example.com", "password": e.Demo.Password}).Want(t, 200)

	e.awDo("POST", "/accounts/login", "", map[string]string{"username": "demo", "password": "nope"}).
		Want(t, 401).WantJSON(t, `{"error":"INVALID CREDENTIALS","error_code":"401-3","message":"WRONG USERNAME / PASSWORD","result":false}`)
	e.awDo("GET", "/organizations", "", nil).Want(t, 401).WantJSON(t,
		`{"error":"UNAUTHORIZED","error_code":"401-1","message":"MISSING OR MALFORMED JWT","result":false}`)
	e.awDo("GET", "/organizations", "forged.jwt.value", nil).Want(t, 401)

	e.awDo("GET", "/organizations", tok, nil).Want(t, 200)
	e.awDo("GET", "/organizations", e.Demo.Token, nil).Want(t, 200)
	if n := e.Store.ExpireTokens(); n < 3 {
		t.Fatalf("expired %d tokens, want at least 3", n)
	}
	e.awDo("GET", "/organizations", tok, nil).Want(t, 401)
}

func TestAwanioEnvelopePaginationAndLenientBodies(t *testing.T) {
	e := newTestEnv(t)
	tok := e.Demo.Token
	// JSON labelled text/plain is accepted, as Awanio does.
	for i := range 3 {
		e.awDo("POST", "/organizations", tok, `{"name": "org `+string(rune('a'+i))+`"}`, "Content-Type", "text/plain").Want(t, 200)
	}
	// So is a form body.
	e.awDo("POST", "/organizations", tok, "name=from+a+form", "Content-Type", "application/x-www-form-urlencoded").Want(t, 200)

	r := e.awDo("GET", "/organizations?page=2&per_page=2", tok, nil).Want(t, 200)
	env := r.Object(t)
	meta := env["meta"].(map[string]any)["pagination"].(map[string]any)
	if meta["page"] != 2.0 || meta["per_page"] != 2.0 || meta["total"] != 5.0 || meta["last_page"] != 3.0 {
		t.Fatalf("pagination %v", meta)
	}
	if items := env["data"].([]any); len(items) != 2 || items[0].(map[string]any)["name"] != "org b" {
		t.Fatalf("page 2: %v", items)
	}
	e.awDo("GET", "/organizations?page=zero", tok, nil).Want(t, 400)

	e.awDo("POST", "/organizations", tok, `{"name": `, "Content-Type", "text/plain").Want(t, 400)
	e.awDo("POST", "/organizations", tok, map[string]string{"name": ""}).Want(t, 400)
	e.awDo("GET", "/nowhere", tok, nil).Want(t, 404)
	e.awDo("PATCH", "/organizations", tok, nil).Want(t, 405)
}

func TestAwanioOrganizationLifecycle(t *testing.T) {
	e := newTestEnv(t)
	tok := e.Demo.Token
	org := awData(t, e.awDo("POST", "/organizations", tok, map[string]any{
		"name": "Acme", "organization_members": []map[string]any{{"user_uuid": e.Demo.ColleagueUUID, "user_level": "2,"}},
	}).Want(t, 200)).(map[string]any)
	id := str(org["uuid"])
	if org["slug"] != "acme" || org["member_count"] != 2.0 {
		t.Fatalf("created %v", org)
	}
	got := awData(t, e.awDo("PUT", "/organizations/"+strings.ToUpper(id), tok, map[string]string{"name": "Acme 2"}).Want(t, 200)).(map[string]any)
	if got["name"] != "Acme 2" {
		t.Fatalf("updated %v", got)
	}
	members := awData(t, e.awDo("GET", "/organizations/"+id+"/members", tok, nil).Want(t, 200)).([]any)
	if len(members) != 2 {
		t.Fatalf("members %v", members)
	}
	// The colleague may read but not change it.
	colleague := e.Store.IssueToken(e.Demo.ColleagueUUID)
	e.awDo("GET", "/organizations/"+id, colleague, nil).Want(t, 200)
	e.awDo("PUT", "/organizations/"+id, colleague, map[string]string{"name": "x"}).Want(t, 403)
	// The last admin cannot leave.
	e.awDo("DELETE", "/organizations/"+id+"/members/"+e.Demo.UserUUID, tok, nil).Want(t, 409)
	e.awDo("PUT", "/organizations/"+id+"/members", tok, map[string]any{
		"organization_members_updated": []map[string]any{{"user_uuid": e.Demo.ColleagueUUID, "user_level": 1}},
	}).Want(t, 200)
	e.awDo("DELETE", "/organizations/"+id+"/members/"+e.Demo.ColleagueUUID, tok, nil).Want(t, 200)

	r := e.awDo("DELETE", "/organizations/"+id, tok, nil).Want(t, 200)
	r.WantJSON(t, `{"data":"deleted","result":true}`)
	e.awDo("GET", "/organizations/"+id, tok, nil).Want(t, 404).WantJSON(t,
		`{"error":"NOT FOUND","error_code":"404-1","message":"ORGANIZATION NOT FOUND","result":false}`)
	// The demo organization has a project: it cannot be deleted.
	e.awDo("DELETE", "/organizations/"+e.Demo.OrganizationUUID, tok, nil).Want(t, 409)
}

func TestAwanioUserDetailAndCatalog(t *testing.T) {
	e := newTestEnv(t)
	tok := e.Demo.Token
	me := awData(t, e.awDo("GET", "/accounts/me", tok, nil).Want(t, 200)).(map[string]any)
	primary := me["primary_organization"].(map[string]any)
	if me["username"] != "demo" || primary["uuid"] != e.Demo.OrganizationUUID ||
		primary["primary_project"].(map[string]any)["uuid"] != e.Demo.ProjectUUID {
		t.Fatalf("user detail %v", me)
	}
	vm := awData(t, e.awDo("GET", "/pricings?suitable_for=vm", tok, nil).Want(t, 200)).([]any)
	both := awData(t, e.awDo("GET", "/pricings?suitable_for=vm,baremetal", tok, nil).Want(t, 200)).([]any)
	if len(vm) != 2 || len(both) != 3 {
		t.Fatalf("pricings: %d vm, %d vm+baremetal", len(vm), len(both))
	}
	cats := awData(t, e.awDo("GET", "/catalogues", tok, nil).Want(t, 200)).([]any)
	if len(cats) != 3 {
		t.Fatalf("catalogues %v", cats)
	}
}

func TestAwanioStateIsSavedAndLoaded(t *testing.T) {
	e := newTestEnv(t)
	org := e.Store.AddOrganization(AwanioOrganizationSpec{Name: "persisted", OwnerUUID: e.Demo.UserUUID})
	file := filepath.Join(t.TempDir(), "state.json")
	if err := e.Server.SaveState(file); err != nil {
		t.Fatal(err)
	}
	loadedServer := mockcloud.New()
	loaded := Mount(loadedServer)
	if err := loadedServer.LoadState(file); err != nil {
		t.Fatal(err)
	}
	got, ok := loaded.Organization(org.UUID)
	if !ok || got.Name != "persisted" || got.Members[e.Demo.UserUUID] == nil {
		t.Fatalf("loaded %+v", got)
	}
	if _, ok := loaded.User(e.Demo.UserUUID); !ok {
		t.Fatal("users were not saved")
	}
}

func TestAwanioRegisterAndVerify(t *testing.T) {
	e := newTestEnv(t)
	body := map[string]string{"username": "newbie", "name": "New", "email": "new@example.com", "password": "pw-12345"}
	e.awDo("POST", "/accounts/register", "", body).Want(t, 200)
	e.awDo("POST", "/accounts/register", "", body).Want(t, 409)
	login := map[string]string{"username": "newbie", "password": "pw-12345"}
	e.awDo("POST", "/accounts/login", "", login).Want(t, 401)
	code, ok := e.Store.VerificationCode("new@example.com")
	if !ok {
		t.Fatal("no verification code")
	}
	e.awDo("POST", "/accounts/verify", "", map[string]string{"email": "new@example.com", "verification_code": "wrong"}).Want(t, 400)
	e.awDo("POST", "/accounts/verify", "", map[string]string{"email": "new@example.com", "verification_code": code}).Want(t, 200)
	e.awDo("POST", "/accounts/login", "", login).Want(t, 200)
}
