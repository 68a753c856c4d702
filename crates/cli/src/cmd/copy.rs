//! `policyscope copy --from DIR|URL --to DIR|URL`: a whole project moved
//! between back ends (a project folder, a PostgreSQL database), ids kept.
//!
//! The source is opened as a project (so it is brought to this version),
//! the target created empty and every component's tables made on it by that
//! component's own migrations; then the store copies the rows in one
//! transaction on the target. The search index is not copied: it belongs to
//! a data folder, and is built there from the database on first use.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context as _;
use policyscope::corpus::{Project, DATABASE_FILE, ORIGINALS_DIR};
use policyscope::store::copy::{copy_database, tables_with_rows, TableCopy};
use policyscope::store::{Connection, Location};

use super::Context;

/// Copy a whole project to an empty folder or database.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The project to copy: a project folder or postgres://USER@HOST:PORT/DB.
    #[arg(long)]
    from: String,
    /// Where to copy it: a new (or empty) folder, or an empty PostgreSQL database. With
    /// --data, a database target keeps its originals there.
    #[arg(long)]
    to: String,
}

/// Opens one component's tables on a project, by the component's own code.
type Open = fn(&Project) -> anyhow::Result<()>;

/// Every component whose tables hold the project, in the order they can be
/// made (learnt models refer to codes). `corpus` and `formats` are made by
/// opening the project.
const COMPONENTS: &[(&str, Open)] = &[
    ("corpus", |_| Ok(())),
    ("formats", |_| Ok(())),
    ("cite", |p| Ok(policyscope::cite::store::migrate(p)?)),
    ("coding", |p| Ok(policyscope::coding::CodingStore::open(p).map(drop)?)),
    ("learn", |p| Ok(p.migrate("learn", policyscope::coding::learn::MIGRATIONS)?)),
    ("evaluate", |p| Ok(p.migrate("evaluate", policyscope::agree::evaluate::stored::MIGRATIONS)?)),
    ("frame", |p| Ok(policyscope::frame::FrameStore::open(p).map(drop)?)),
    ("accounts", |p| Ok(policyscope::accounts::Accounts::open(p).map(drop)?)),
];

/// Components whose tables describe a data folder, not the project: neither
/// made nor filled on the target.
const LOCAL: &[(&str, &[&str])] = &[("search", policyscope::search::INDEX_TABLES)];

/// Runs `copy`.
pub fn run(args: &Args, ctx: &Context) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let from = Location::parse(&args.from);
    let to = Location::parse(&args.to);
    if same_place(&from, &to) {
        anyhow::bail!("--from and --to name the same project");
    }
    let target_state = target_state(&to)?;
    let source = Project::open_at(&from, &data_dir(ctx, &from, false))
        .with_context(|| format!("opening the source project {from}"))?;
    let components = components_of(source.conn())?;
    let known =
        |name: &str| COMPONENTS.iter().any(|(n, _)| *n == name) || LOCAL.iter().any(|(n, _)| *n == name);
    if let Some((unknown, _)) = components.iter().find(|(name, _)| !known(name)) {
        anyhow::bail!(
            "the source holds tables of the `{unknown}` component, which this version of policyscope cannot \
             create in the target; nothing was copied"
        );
    }
    // Bring every component of the source to this version first.
    open_components(&source, &components).context("bringing the source's tables to this version")?;

    let created = Created::remember(&to, target_state);
    let result = fill(ctx, &source, &to, target_state, &components);
    let (target, tables) = match result {
        Ok(done) => done,
        Err(e) => {
            let note = created.undo();
            return Err(e.context(format!("copying to {to} failed; {note}")));
        }
    };
    let originals = copy_originals(source.dir(), target.dir())?;
    let rows: u64 = tables.iter().map(|t| t.rows).sum();
    let seconds = started.elapsed().as_secs_f64();
    if ctx.json {
        let per_table: Vec<_> =
            tables.iter().map(|t| serde_json::json!({ "table": t.table, "rows": t.rows })).collect();
        crate::output::json(&serde_json::json!({
            "from": from.to_string(),
            "to": to.to_string(),
            "data": target.dir(),
            "tables": per_table,
            "rows": rows,
            "originals": originals,
            "seconds": (seconds * 1000.0).round() / 1000.0,
        }))?;
    } else {
        ctx.say(format!(
            "copied {rows} rows of {} tables and {originals} original files from {from} to {to} in {seconds:.1} s; \
             the search index is built on first use",
            tables.len()
        ));
    }
    Ok(ExitCode::SUCCESS)
}

/// What the target holds before the copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TargetState {
    /// Nothing at all: a missing or empty folder, a database without tables.
    Nothing,
    /// A project without a single row (made by `init`, or left by a copy that
    /// was interrupted and rolled back).
    EmptyProject,
}

/// Whether the target may receive the copy; refuses (before anything is
/// written anywhere) a target that holds anything.
fn target_state(to: &Location) -> anyhow::Result<TargetState> {
    let holding = match to {
        Location::Folder(dir) if !dir.exists() => return Ok(TargetState::Nothing),
        Location::Folder(dir) => {
            let entries: Vec<PathBuf> = std::fs::read_dir(dir)
                .with_context(|| format!("{} is not a folder that can be read", dir.display()))?
                .map(|e| e.map(|e| e.path()))
                .collect::<Result<_, _>>()
                .with_context(|| format!("listing {}", dir.display()))?;
            if entries.is_empty() {
                return Ok(TargetState::Nothing);
            }
            let db = dir.join(DATABASE_FILE);
            if !db.is_file() {
                anyhow::bail!("{} is not empty; copy into a new or empty folder", dir.display());
            }
            let originals = dir.join(ORIGINALS_DIR);
            if originals.is_dir()
                && std::fs::read_dir(&originals).map(|mut d| d.next().is_some()).unwrap_or(true)
            {
                anyhow::bail!("{} holds original files; copy into a new or empty folder", dir.display());
            }
            let conn = Connection::open_sqlite_read_only(&db)
                .with_context(|| format!("reading {}", db.display()))?;
            tables_with_rows(&conn)?
        }
        Location::Postgres(url) => {
            let conn = Connection::connect_postgres(url).with_context(|| format!("connecting to {to}"))?;
            if policyscope::store::copy::catalog::table_names(&conn)?.is_empty() {
                return Ok(TargetState::Nothing);
            }
            let versions = components_of(&conn).unwrap_or_default();
            if !versions.iter().any(|(c, _)| c == "corpus") {
                anyhow::bail!("the database {to} holds tables that are not a policyscope project; copy into an empty database");
            }
            tables_with_rows(&conn)?
        }
    };
    match holding.as_slice() {
        [] => Ok(TargetState::EmptyProject),
        tables => anyhow::bail!(
            "{to} already holds a project with rows (in {}); copy into a new folder or an empty database",
            tables.join(", ")
        ),
    }
}

/// Creates (or opens, when it is an empty project) the target, makes every
/// component's tables on it and copies the rows.
fn fill(
    ctx: &Context,
    source: &Project,
    to: &Location,
    state: TargetState,
    components: &[(String, i64)],
) -> anyhow::Result<(Project, Vec<TableCopy>)> {
    let data = data_dir(ctx, to, true);
    let target = match state {
        TargetState::Nothing => Project::init_at(to, &data),
        TargetState::EmptyProject => Project::open_at(to, &data),
    }
    .with_context(|| format!("creating the project {to}"))?;
    open_components(&target, components)?;
    let theirs = components_of(target.conn())?;
    for (name, version) in components.iter().filter(|(n, _)| !LOCAL.iter().any(|(l, _)| l == n)) {
        let made = theirs.iter().find(|(n, _)| n == name).map_or(0, |(_, v)| *v);
        anyhow::ensure!(
            made == *version,
            "the `{name}` tables are at version {version} in the source but {made} in the target"
        );
    }
    let skip: Vec<&str> = LOCAL.iter().flat_map(|(_, tables)| tables.iter().copied()).collect();
    let bar = crate::output::progress_bar(0, ctx.quiet, "copying rows");
    let tables = copy_database(source.conn(), target.conn(), &skip, &mut |done, total| {
        bar.set_length(total);
        bar.set_position(done);
    });
    bar.finish_and_clear();
    Ok((target, tables?))
}

/// Opens the tables of each listed component that is part of the project
/// (learnt models, evaluations, accounts …), in [`COMPONENTS`] order.
fn open_components(project: &Project, components: &[(String, i64)]) -> anyhow::Result<()> {
    for (name, open) in COMPONENTS {
        if components.iter().any(|(c, _)| c == name) {
            open(project).with_context(|| format!("opening the `{name}` tables"))?;
        }
    }
    Ok(())
}

/// The components whose tables a database holds, with their versions.
fn components_of(conn: &Connection) -> anyhow::Result<Vec<(String, i64)>> {
    let mut stmt = conn.prepare("SELECT component, version FROM schema_versions ORDER BY component")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The data folder of a project: the folder itself, or for a database the
/// folder `--data` names (for the target only) or the default one for it.
fn data_dir(ctx: &Context, location: &Location, target: bool) -> PathBuf {
    match location {
        Location::Folder(dir) => dir.clone(),
        Location::Postgres(url) => Context {
            database: Some(url.clone()),
            data_dir: if target { ctx.data_dir.clone() } else { None },
            ..ctx.clone()
        }
        .data_dir(),
    }
}

fn same_place(a: &Location, b: &Location) -> bool {
    match (a, b) {
        (Location::Folder(x), Location::Folder(y)) => {
            x == y || matches!((x.canonicalize(), y.canonicalize()), (Ok(p), Ok(q)) if p == q)
        }
        (Location::Postgres(x), Location::Postgres(y)) => x == y,
        _ => false,
    }
}

/// What the copy made in a target folder, so a failed copy can remove it.
struct Created {
    folder: Option<(PathBuf, bool)>,
}

impl Created {
    fn remember(to: &Location, state: TargetState) -> Created {
        match (to, state) {
            (Location::Folder(dir), TargetState::Nothing) => {
                Created { folder: Some((dir.clone(), dir.exists())) }
            }
            _ => Created { folder: None },
        }
    }

    /// Removes what the copy made in a folder that was missing or empty; a
    /// database keeps its empty tables (a later copy fills them). Says which.
    fn undo(self) -> String {
        match self.folder {
            Some((dir, existed)) => {
                let removed = std::fs::remove_dir_all(&dir).and_then(|()| match existed {
                    true => std::fs::create_dir(&dir),
                    false => Ok(()),
                });
                match removed {
                    Ok(()) => format!("{} is as it was", dir.display()),
                    Err(e) => {
                        format!("{} could not be cleared ({e}); remove it before trying again", dir.display())
                    }
                }
            }
            None => {
                "nothing was written (the target holds an empty project, which a new copy may fill)".into()
            }
        }
    }
}

/// Copies the kept original files (PDF, Word, OFD) into the target's data
/// folder; returns how many. The folder is flat, so one level is read.
fn copy_originals(from: &Path, to: &Path) -> anyhow::Result<usize> {
    let source = from.join(ORIGINALS_DIR);
    if !source.is_dir() || from == to {
        return Ok(0);
    }
    let target = to.join(ORIGINALS_DIR);
    std::fs::create_dir_all(&target).with_context(|| format!("creating {}", target.display()))?;
    let mut copied = 0;
    for entry in std::fs::read_dir(&source).with_context(|| format!("listing {}", source.display()))? {
        let entry = entry.with_context(|| format!("listing {}", source.display()))?;
        let name = entry.file_name();
        // Half-written files are named `.NAME.partial`.
        if name.to_string_lossy().starts_with('.') || !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        std::fs::copy(entry.path(), target.join(&name))
            .with_context(|| format!("copying {}", entry.path().display()))?;
        copied += 1;
    }
    Ok(copied)
}
