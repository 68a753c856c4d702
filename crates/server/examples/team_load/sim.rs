//! One simulated coder: its choices, its view of its own codings and of
//! the shared proposals, and the requests that carry out each change.

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use serde_json::{json, Value};

use crate::http::Client;
use crate::load::{Attempt, Intent, Op, Row, World};

/// A coding of the coder's own, as it last saw it.
#[derive(Debug, Clone)]
struct Own {
    row: Row,
    /// Others may try it, so it is never deleted.
    published: bool,
    /// Not yet recoded or deleted.
    live: bool,
}

/// One simulated coder.
pub(crate) struct Sim {
    name: String,
    client: Client,
    world: World,
    rng: u64,
    own: Vec<Own>,
    /// Codes this coder used on each (document, start, end).
    spans: HashMap<(i64, i64, i64), HashSet<i64>>,
    /// Version of each shared proposal as this coder last saw it.
    seen: HashMap<i64, i64>,
}

impl Sim {
    pub(crate) fn new(name: String, client: Client, world: World, seed: u64) -> Sim {
        let seen = world.shared.iter().map(|r| (r.id, r.version)).collect();
        Sim { name, client, world, rng: seed | 1, own: Vec::new(), spans: HashMap::new(), seen }
    }

    /// splitmix64: reproducible choices without a dependency.
    fn next(&mut self, below: usize) -> usize {
        self.rng = self.rng.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.rng;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % below.max(1) as u64) as usize
    }

    pub(crate) fn step(&mut self) -> Attempt {
        let roll = self.next(100);
        let live: Vec<usize> = (0..self.own.len()).filter(|&i| self.own[i].live).collect();
        let foreign = {
            let published = self.world.published.lock().map(|p| p.clone()).unwrap_or_default();
            let others: Vec<i64> =
                published.iter().filter(|(o, _)| *o != self.name).map(|(_, id)| *id).collect();
            (!others.is_empty()).then(|| others[self.next(others.len())])
        };
        match roll {
            _ if live.is_empty() => self.code(),
            0..=34 => self.code(),
            35..=49 => {
                let i = live[self.next(live.len())];
                let op = if self.next(2) == 0 { Op::Accept } else { Op::Reject };
                self.review_own(i, op)
            }
            50..=59 => {
                let i = live[self.next(live.len())];
                self.recode_own(i)
            }
            60..=64 => match live.iter().copied().rfind(|&i| !self.own[i].published) {
                Some(i) => self.review_own(i, Op::Delete),
                None => self.code(),
            },
            65..=89 => self.shared(),
            _ => match foreign {
                Some(id) => self.foreign(id),
                None => self.code(),
            },
        }
    }

    /// Sends one change and records its answer.
    fn send(
        &mut self,
        op: Op,
        intent: Intent,
        target: Option<i64>,
        body: Value,
        asked: Option<(i64, i64, i64, i64)>,
    ) -> Attempt {
        let path = match (op, target) {
            (Op::Code, _) | (_, None) => "/api/codings".to_string(),
            (op, Some(id)) => format!(
                "/api/codings/{id}/{}",
                serde_json::to_value(op)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default()
            ),
        };
        let version = body["version"].as_i64();
        let started = Instant::now();
        let reply = self.client.request("POST", &path, Some(&body));
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        let mut attempt = Attempt {
            coder: self.name.clone(),
            op,
            intent,
            target,
            version,
            asked,
            status: 0,
            answer: None,
            error: None,
            ms,
        };
        match reply {
            Ok(r) => {
                attempt.status = r.status;
                let v = r.json();
                if attempt.acked() {
                    attempt.answer = Row::from_json(&v);
                } else if r.status == 409 {
                    // The refusal carries the coding as it is now: reload it.
                    if let (Some(id), Some(now)) = (target, v["current"]["version"].as_i64()) {
                        self.seen.insert(id, now);
                    }
                }
                if !intent.expects(r.status) {
                    attempt.error = Some(format!("{} {}", r.status, String::from_utf8_lossy(&r.body)));
                }
            }
            Err(e) => attempt.error = Some(e),
        }
        attempt
    }

    fn code(&mut self) -> Attempt {
        let (mut doc, mut code, mut start, mut end) = (0, 0, 0, 0);
        for _ in 0..1000 {
            let k = self.next(self.world.docs.len());
            let (d, len) = self.world.docs[k];
            let k = self.next(self.world.codes.len());
            code = self.world.codes[k];
            start = self.next((len - 10) as usize) as i64;
            end = start + 1 + self.next(8) as i64;
            doc = d;
            if !self.spans.get(&(doc, start, end)).is_some_and(|c| c.contains(&code)) {
                break;
            }
        }
        self.spans.entry((doc, start, end)).or_default().insert(code);
        let body = json!({"doc_id": doc, "code_id": code, "start": start, "end": end});
        let attempt = self.send(Op::Code, Intent::Own, None, body, Some((doc, code, start, end)));
        if let Some(row) = attempt.answer.clone() {
            let published = self.own.len().is_multiple_of(3);
            if published {
                if let Ok(mut p) = self.world.published.lock() {
                    p.push((self.name.clone(), row.id));
                }
            }
            self.own.push(Own { row, published, live: true });
        }
        attempt
    }

    fn review_own(&mut self, i: usize, op: Op) -> Attempt {
        let row = self.own[i].row.clone();
        let attempt = self.send(op, Intent::Own, Some(row.id), json!({"version": row.version}), None);
        if attempt.acked() {
            match (op, &attempt.answer) {
                (Op::Delete, _) => self.own[i].live = false,
                (_, Some(now)) => self.own[i].row = now.clone(),
                _ => {}
            }
        }
        attempt
    }

    fn recode_own(&mut self, i: usize) -> Attempt {
        let row = self.own[i].row.clone();
        let used = self.spans.get(&(row.doc_id, row.start, row.end)).cloned().unwrap_or_default();
        let fresh: Vec<i64> = self.world.codes.iter().copied().filter(|c| !used.contains(c)).collect();
        if fresh.is_empty() {
            return self.review_own(i, Op::Accept);
        }
        let code = fresh[self.next(fresh.len())];
        self.spans.entry((row.doc_id, row.start, row.end)).or_default().insert(code);
        let asked = Some((row.doc_id, code, row.start, row.end));
        let body = json!({"version": row.version, "code_id": code});
        let attempt = self.send(Op::Recode, Intent::Own, Some(row.id), body, asked);
        if let Some(new) = attempt.answer.clone() {
            self.own[i].live = false;
            self.own[i].row.version += 1;
            self.own.push(Own { row: new, published: false, live: true });
        }
        attempt
    }

    fn shared(&mut self) -> Attempt {
        let k = self.next(self.world.shared.len());
        let id = self.world.shared[k].id;
        let seen = self.seen.get(&id).copied().unwrap_or(0);
        let (intent, version) =
            if self.next(5) == 0 && seen >= 1 { (Intent::Stale, seen - 1) } else { (Intent::Shared, seen) };
        let op = if self.next(2) == 0 { Op::Accept } else { Op::Reject };
        let attempt = self.send(op, intent, Some(id), json!({"version": version}), None);
        if let Some(now) = &attempt.answer {
            self.seen.insert(id, now.version);
        }
        attempt
    }

    fn foreign(&mut self, id: i64) -> Attempt {
        let op = [Op::Accept, Op::Reject, Op::Delete][self.next(3)];
        // The version does not matter: the refusal comes first.
        self.send(op, Intent::Foreign, Some(id), json!({"version": 1}), None)
    }
}
