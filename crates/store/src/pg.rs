//! PostgreSQL's wire types mapped onto the store's five storage classes.
//!
//! A parameter is encoded as whatever type the server expects in its place
//! (an integer bound where PostgreSQL wants `int4`, `bool` or `text` is
//! written as that), and every column type the schema uses is read back as a
//! [`Value`]; so one SQL text with one set of Rust types serves both back ends.

use std::error::Error as StdError;

use bytes::BytesMut;
use postgres::types::{to_sql_checked, FromSql, IsNull, ToSql, Type};

use crate::value::Value;

type BoxError = Box<dyn StdError + Sync + Send>;

/// A column of any supported type, read as a [`Value`].
pub(crate) struct AnyValue(pub(crate) Value);

impl<'a> FromSql<'a> for AnyValue {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<Self, BoxError> {
        let value = match *ty {
            Type::BOOL => Value::Integer(i64::from(bool::from_sql(ty, raw)?)),
            Type::INT2 => Value::Integer(i64::from(i16::from_sql(ty, raw)?)),
            Type::INT4 => Value::Integer(i64::from(i32::from_sql(ty, raw)?)),
            Type::INT8 => Value::Integer(i64::from_sql(ty, raw)?),
            Type::OID => Value::Integer(i64::from(u32::from_sql(ty, raw)?)),
            Type::FLOAT4 => Value::Real(f64::from(f32::from_sql(ty, raw)?)),
            Type::FLOAT8 => Value::Real(f64::from_sql(ty, raw)?),
            Type::NUMERIC => numeric(raw)?,
            Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN => {
                Value::Text(String::from_sql(ty, raw)?)
            }
            Type::BYTEA => Value::Blob(raw.to_vec()),
            ref other => return Err(format!("PostgreSQL type {other} is not read by the store").into()),
        };
        Ok(AnyValue(value))
    }

    fn from_sql_null(_: &Type) -> Result<Self, BoxError> {
        Ok(AnyValue(Value::Null))
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

/// Decodes PostgreSQL's binary NUMERIC (what `SUM` of integers returns): an
/// integer when it has no fractional digits and fits, else a float.
fn numeric(raw: &[u8]) -> Result<Value, BoxError> {
    let word = |i: usize| -> Result<u16, BoxError> {
        raw.get(i..i + 2)
            .map(|b| u16::from_be_bytes([b[0], b[1]]))
            .ok_or_else(|| "short NUMERIC value".into())
    };
    let ndigits = usize::from(word(0)?);
    let weight = i32::from(word(2)? as i16);
    let sign = word(4)?;
    let dscale = word(6)?;
    if sign == 0xC000 {
        return Ok(Value::Real(f64::NAN));
    }
    let negative = sign == 0x4000;
    let mut float = 0.0f64;
    let mut exact: Option<i128> = Some(0);
    for i in 0..ndigits {
        let digit = i32::from(word(8 + 2 * i)?);
        let power = weight - i as i32;
        float += f64::from(digit) * 10_000f64.powi(power);
        exact = match (exact, power) {
            (Some(acc), p) if (0..=8).contains(&p) => {
                acc.checked_add(i128::from(digit) * 10_000i128.pow(p as u32))
            }
            (Some(acc), _) if digit == 0 => Some(acc),
            _ => None,
        };
    }
    let exact = exact.map(|v| if negative { -v } else { v });
    Ok(match exact.and_then(|v| i64::try_from(v).ok()) {
        Some(i) if dscale == 0 => Value::Integer(i),
        _ => Value::Real(if negative { -float } else { float }),
    })
}

impl ToSql for Value {
    fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
        match (self, ty) {
            (Value::Null, _) => Ok(IsNull::Yes),
            (Value::Integer(i), &Type::INT8) => i.to_sql(ty, out),
            (Value::Integer(i), &Type::INT4) => i32::try_from(*i)?.to_sql(ty, out),
            (Value::Integer(i), &Type::INT2) => i16::try_from(*i)?.to_sql(ty, out),
            (Value::Integer(i), &Type::BOOL) => (*i != 0).to_sql(ty, out),
            (Value::Integer(i), &Type::FLOAT8) => (*i as f64).to_sql(ty, out),
            (Value::Integer(i), &Type::FLOAT4) => (*i as f32).to_sql(ty, out),
            (Value::Integer(i), &Type::TEXT | &Type::VARCHAR | &Type::UNKNOWN) => {
                i.to_string().to_sql(ty, out)
            }
            (Value::Real(f), &Type::FLOAT8) => f.to_sql(ty, out),
            (Value::Real(f), &Type::FLOAT4) => (*f as f32).to_sql(ty, out),
            (Value::Real(f), &Type::TEXT | &Type::VARCHAR | &Type::UNKNOWN) => f.to_string().to_sql(ty, out),
            (Value::Text(s), &Type::TEXT | &Type::VARCHAR | &Type::BPCHAR | &Type::NAME | &Type::UNKNOWN) => {
                s.to_sql(ty, out)
            }
            (Value::Blob(b), &Type::BYTEA) => b.to_sql(ty, out),
            (value, ty) => Err(format!("a {value:?} cannot be bound where PostgreSQL expects {ty}").into()),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(ndigits: u16, weight: i16, sign: u16, dscale: u16, digits: &[u16]) -> Vec<u8> {
        let mut v = Vec::new();
        for w in [ndigits, weight as u16, sign, dscale].iter().chain(digits) {
            v.extend_from_slice(&w.to_be_bytes());
        }
        v
    }

    #[test]
    fn numeric_sums_read_as_integers_and_fractions_as_floats() {
        // 123456789 = 1|2345|6789 in base 10000, weight 2.
        assert_eq!(numeric(&encode(3, 2, 0, 0, &[1, 2345, 6789])).unwrap(), Value::Integer(123_456_789));
        assert_eq!(numeric(&encode(1, 0, 0x4000, 0, &[7])).unwrap(), Value::Integer(-7));
        // 20000 = 2|0000 stored as one digit with weight 1.
        assert_eq!(numeric(&encode(1, 1, 0, 0, &[2])).unwrap(), Value::Integer(20_000));
        // 1.5 = 1 . 5000, dscale 1.
        assert_eq!(numeric(&encode(2, 0, 0, 1, &[1, 5000])).unwrap(), Value::Real(1.5));
        assert_eq!(numeric(&encode(0, 0, 0, 0, &[])).unwrap(), Value::Integer(0));
    }

    #[test]
    fn truncated_numeric_is_an_error_not_a_panic() {
        assert!(numeric(&[0, 3, 0]).is_err());
        assert!(numeric(&encode(3, 2, 0, 0, &[1])).is_err());
    }
}
