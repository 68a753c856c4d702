//! Single-thread cost of the networked model's kernel, in nanoseconds per
//! individual choice: `cargo run --release -p policyscope-lab --example kernel
//! -- [sync|async] [agents] [steps] [runs]`. Reports CPU time of this thread
//! (user + system, from /proc) as well as wall time, so a busy machine skews
//! the figure less.

use std::path::Path;
use std::time::Instant;

use policyscope_lab::runner::run_one;
use policyscope_lab::Spec;

fn cpu_seconds() -> f64 {
    // utime + stime of this process in clock ticks (fields 14 and 15 of /proc/self/stat; the state field is skipped).
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<f64> = after.split_whitespace().filter_map(|x| x.parse().ok()).collect();
    f.get(10).zip(f.get(11)).map_or(f64::NAN, |(u, s)| (u + s) / 100.0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let update = args.get(1).map_or("sync", String::as_str);
    let n: u64 = args.get(2).and_then(|x| x.parse().ok()).unwrap_or(10_000);
    let steps: u32 = args.get(3).and_then(|x| x.parse().ok()).unwrap_or(1000);
    let runs: u32 = args.get(4).and_then(|x| x.parse().ok()).unwrap_or(1);
    let text = format!(
        r#"
[experiment]
id = "kernel"
model = "netchoice"
master_seed = 1
replicates = {runs}
[base]
n = {n}
k = 3
steps = {steps}
update = "{update}"
tau = 0.5
beta = 1.5
blocs = [{{ name = "home", share = 0.3, rate = 0.1 }}, {{ name = "rival", share = 0.7, rate = 0.1 }}]
graph = {{ kind = "sbm", mean_degree = 8, kappa = 0.1 }}
[[base.policy]]
kind = "subsidy"
bloc = "home"
standard = 0
t_on = 50
duration = 100
strength = 1.0
"#
    );
    let resolved = match Spec::parse(&text).and_then(|s| s.resolve(Path::new("."))) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("spec: {e}");
            std::process::exit(2);
        }
    };
    let (c0, w0) = (cpu_seconds(), Instant::now());
    let mut updates = 0u64;
    let mut wins = 0u32;
    for rep in 0..runs {
        match run_one(&resolved, 0, rep, 0) {
            Ok(r) => {
                updates += r.summary.updates;
                wins += u32::from(r.summary.winner == Some(0));
            }
            Err(e) => {
                eprintln!("run: {e}");
                std::process::exit(2);
            }
        }
    }
    let (cpu, wall) = (cpu_seconds() - c0, w0.elapsed().as_secs_f64());
    println!(
        "{update} n={n} steps={steps} runs={runs}: {updates} choices, cpu {cpu:.2} s = {:.2} ns/choice, wall {wall:.2} s = {:.2} ns/choice, standard 0 won {wins}",
        cpu * 1e9 / updates as f64,
        wall * 1e9 / updates as f64
    );
}
