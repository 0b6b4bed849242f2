//! Adding one okrug's form figures to another's: a district form is the sum of its okrugs'
//! figures, added field by field, never recounted from records.

/// A figure (or a group of figures) that adds up with the same figure of another okrug.
pub trait Accumulate {
    fn add(&mut self, other: &Self);
}

impl Accumulate for i64 {
    fn add(&mut self, other: &i64) {
        *self += other;
    }
}

impl Accumulate for f64 {
    fn add(&mut self, other: &f64) {
        *self += other;
    }
}

impl<A: Accumulate, B: Accumulate> Accumulate for (A, B) {
    fn add(&mut self, other: &(A, B)) {
        self.0.add(&other.0);
        self.1.add(&other.1);
    }
}

impl<T: Accumulate, const N: usize> Accumulate for [T; N] {
    fn add(&mut self, other: &[T; N]) {
        for (a, b) in self.iter_mut().zip(other) {
            a.add(b);
        }
    }
}

/// `Accumulate` for a struct of figures, field by field.
macro_rules! accumulate_fields {
    ($ty:ty { $($field:ident),* $(,)? }) => {
        impl $crate::forms::sum::Accumulate for $ty {
            fn add(&mut self, other: &Self) {
                $( $crate::forms::sum::Accumulate::add(&mut self.$field, &other.$field); )*
            }
        }
    };
}
pub(crate) use accumulate_fields;

/// The sum of many okrugs' figures.
pub fn total<'a, T: Accumulate + Default + 'a>(parts: impl IntoIterator<Item = &'a T>) -> T {
    let mut sum = T::default();
    for p in parts {
        sum.add(p);
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct F {
        a: i64,
        b: [(i64, i64); 2],
        c: [[i64; 2]; 2],
    }
    accumulate_fields!(F { a, b, c });

    #[test]
    fn adds_every_field() {
        let x = F {
            a: 1,
            b: [(1, 2), (3, 4)],
            c: [[1, 0], [0, 1]],
        };
        let y = F {
            a: 10,
            b: [(10, 20), (30, 40)],
            c: [[5, 6], [7, 8]],
        };
        let s: F = total([&x, &y]);
        assert_eq!(s.a, 11);
        assert_eq!(s.b, [(11, 22), (33, 44)]);
        assert_eq!(s.c, [[6, 6], [7, 9]]);
    }
}
