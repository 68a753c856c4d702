//! Parameter lists, in the shapes callers write them: `[]`, `[id]`,
//! `params![a, b]`, `params_from_iter(values)`.

use crate::value::{ToSql, Value};
use crate::{Error, Result};

/// Something that binds a statement's parameters, in order.
pub trait Params {
    /// The values to bind.
    fn values(self) -> Result<Vec<Value>>;
}

fn convert<T: ToSql + ?Sized>(index: usize, value: &T) -> Result<Value> {
    value.to_sql().map_err(|e| Error::ToSqlConversionFailure(index + 1, format!("{e:?}")))
}

impl Params for [&dyn ToSql; 0] {
    fn values(self) -> Result<Vec<Value>> {
        Ok(Vec::new())
    }
}

impl Params for () {
    fn values(self) -> Result<Vec<Value>> {
        Ok(Vec::new())
    }
}

impl<T: ToSql> Params for &[T] {
    fn values(self) -> Result<Vec<Value>> {
        self.iter().enumerate().map(|(i, v)| convert(i, v)).collect()
    }
}

impl<T: ToSql> Params for &Vec<T> {
    fn values(self) -> Result<Vec<Value>> {
        self.as_slice().values()
    }
}

macro_rules! arrays {
    ($($n:literal)*) => {$(
        impl<T: ToSql> Params for [T; $n] {
            fn values(self) -> Result<Vec<Value>> {
                self.iter().enumerate().map(|(i, v)| convert(i, v)).collect()
            }
        }
        impl<T: ToSql + ?Sized> Params for &[&T; $n] {
            fn values(self) -> Result<Vec<Value>> {
                self.iter().enumerate().map(|(i, v)| convert(i, *v)).collect()
            }
        }
    )*};
}
arrays!(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20);

/// Parameters taken from an iterator, for lists whose length is known only
/// at run time.
#[derive(Debug, Clone)]
pub struct ParamsFromIter<I>(I);

/// Binds the items of `iter`, in order.
pub fn params_from_iter<I>(iter: I) -> ParamsFromIter<I>
where
    I: IntoIterator,
    I::Item: ToSql,
{
    ParamsFromIter(iter)
}

impl<I> Params for ParamsFromIter<I>
where
    I: IntoIterator,
    I::Item: ToSql,
{
    fn values(self) -> Result<Vec<Value>> {
        self.0.into_iter().enumerate().map(|(i, v)| convert(i, &v)).collect()
    }
}

/// A parameter list of values of different types:
/// `params![id, name, None::<String>]`.
#[macro_export]
macro_rules! params {
    () => {
        &[] as &[&dyn $crate::ToSql]
    };
    ($($param:expr),+ $(,)?) => {
        &[$(&$param as &dyn $crate::ToSql),+] as &[&dyn $crate::ToSql]
    };
}
