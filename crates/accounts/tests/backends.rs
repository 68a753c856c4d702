//! The accounts on both back ends: the embedded SQLite project and PostgreSQL.

use policyscope_accounts::{Accounts, Error, Password, Role, UserName};
use policyscope_corpus::Project;
use policyscope_store::Location;

fn folder_project(dir: &tempfile::TempDir) -> Project {
    Project::init(&dir.path().join("p")).unwrap()
}

fn postgres_project(dir: &tempfile::TempDir) -> Project {
    let url = policyscope_testkit::fresh_postgres_database();
    Project::init_at(&Location::Postgres(url), &dir.path().join("data")).unwrap()
}

fn pw(text: &str) -> Password {
    Password::new(text).unwrap()
}

/// Users, sessions, tokens, roles and disabling, as the server and the CLI use them.
fn accounts_behave(project: &Project) {
    let accounts = Accounts::open(project).unwrap();
    assert!(!accounts.has_enabled_users().unwrap());
    let ann =
        accounts.add_user(&UserName::new(" Ann ").unwrap(), Role::Admin, &pw("ann's long password")).unwrap();
    assert_eq!((ann.name.as_str(), ann.role, ann.disabled), ("Ann", Role::Admin, false));
    assert!(accounts.has_enabled_users().unwrap());
    accounts.add_user(&UserName::new("Bo").unwrap(), Role::Coder, &pw("bo's long password")).unwrap();
    assert!(matches!(
        accounts.add_user(&UserName::new("Ann").unwrap(), Role::Viewer, &pw("another password")),
        Err(Error::UserExists(_))
    ));
    let names: Vec<String> = accounts.users().unwrap().into_iter().map(|u| u.name).collect();
    assert_eq!(names, ["Ann", "Bo"]);

    // Sign-in: right password only; the token is not stored as given.
    assert!(accounts.login("Ann", "wrong password!!").unwrap().is_none());
    assert!(accounts.login("Nobody", "ann's long password").unwrap().is_none());
    let s = accounts.login("Ann", "ann's long password").unwrap().unwrap();
    let stored: i64 = project
        .conn()
        .query_row(
            "SELECT count(*) FROM sessions WHERE token_hash = ?1 OR csrf_token = ?1",
            [&s.token],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stored, 0, "the session token itself must not be in the database");
    let signed = accounts.session(&s.token).unwrap().unwrap();
    assert_eq!((signed.user.name.as_str(), signed.csrf.as_deref()), ("Ann", Some(s.csrf.as_str())));
    assert!(accounts.session("not a token").unwrap().is_none());

    // Idle expiry: unused for longer than the idle time, the session is gone.
    let later = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
        + policyscope_accounts::SESSION_IDLE.as_secs() as i64
        + 5;
    assert!(accounts.session_at(&s.token, later).unwrap().is_none());
    assert!(accounts.session(&s.token).unwrap().is_none(), "an expired session stays expired");

    let s = accounts.login("Ann", "ann's long password").unwrap().unwrap();
    accounts.logout(&s.token).unwrap();
    assert!(accounts.session(&s.token).unwrap().is_none());

    // Roles change at once; disabling ends sessions and tokens.
    assert_eq!(accounts.set_role("Bo", Role::Viewer).unwrap().role, Role::Viewer);
    assert!(matches!(accounts.set_role("Cy", Role::Viewer), Err(Error::NoSuchUser(_))));
    let token = accounts.new_api_token("Bo", "script").unwrap();
    assert_eq!(accounts.api_token(&token).unwrap().unwrap().user.name, "Bo");
    let s = accounts.login("Bo", "bo's long password").unwrap().unwrap();
    assert!(accounts.disable("Bo").unwrap().disabled);
    assert!(accounts.session(&s.token).unwrap().is_none());
    assert!(accounts.api_token(&token).unwrap().is_none());
    assert!(accounts.login("Bo", "bo's long password").unwrap().is_none());
    assert!(accounts.has_enabled_users().unwrap());
}

#[test]
fn accounts_work_on_a_folder_project() {
    let dir = tempfile::tempdir().unwrap();
    accounts_behave(&folder_project(&dir));
}

#[test]
fn accounts_work_on_postgres() {
    let dir = tempfile::tempdir().unwrap();
    accounts_behave(&postgres_project(&dir));
}

#[test]
fn account_tables_are_made_once() {
    let dir = tempfile::tempdir().unwrap();
    let project = folder_project(&dir);
    Accounts::open(&project).unwrap();
    Accounts::open(&project).unwrap();
    assert_eq!(policyscope_store::migrate::version(project.conn(), "accounts").unwrap(), 1);
}

#[test]
fn machine_and_placeholder_names_cannot_be_users() {
    for bad in ["", "  ", "auto:dict@1", "model:x", "reviewer", "a\u{7}b"] {
        assert!(matches!(UserName::new(bad), Err(Error::BadName { .. })), "{bad:?}");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Whatever a client sends as a token, the lookup answers without error.
    #[test]
    fn garbage_tokens_find_nobody(token in ".{0,300}") {
        let dir = tempfile::tempdir().unwrap();
        let project = folder_project(&dir);
        let accounts = Accounts::open(&project).unwrap();
        proptest::prop_assert!(accounts.session(&token).unwrap().is_none());
        proptest::prop_assert!(accounts.api_token(&token).unwrap().is_none());
    }

    /// Whatever text is offered as a password or name, the checks answer.
    #[test]
    fn garbage_passwords_and_names_are_judged_not_crashed(text in "\\PC{0,40}") {
        let _ = Password::new(&text);
        let _ = UserName::new(&text);
    }
}
