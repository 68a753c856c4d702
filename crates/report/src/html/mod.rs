//! HTML building blocks: escaping, coded-text runs and the page shell.

pub mod escape;
pub mod highlight;
pub mod lang;
pub mod layout;

pub use escape::{escape, push_escaped};
pub use lang::{lang_of, page_lang};
