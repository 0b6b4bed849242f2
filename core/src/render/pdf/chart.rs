//! A horizontal bar chart (F4's Рисунок 1 and 2): labels on the left, bars proportional to
//! the values with the value at the bar's end, the caption under it.

use super::fonts::{Style, wrap};
use super::layout::{HAlign, LEADING, Writer};
use crate::forms::{Cell, Chart};

pub fn draw(w: &mut Writer, chart: &Chart) {
    let size = 8.0;
    let lh = size * LEADING;
    let bar_h = 9.0;
    let gap = 4.0;
    let cw = w.content_width();
    let label_w = cw * 0.42;
    let value_w = 36.0;
    let bar_x = w.left + label_w + 6.0;
    let bar_max = cw - label_w - 6.0 - value_w;
    let max = chart
        .bars
        .iter()
        .map(|b| b.value)
        .fold(0.0_f64, f64::max)
        .max(1.0);
    let labels: Vec<Vec<String>> = chart
        .bars
        .iter()
        .map(|b| wrap(&b.label, Style::Regular, size, label_w))
        .collect();
    let heights: Vec<f32> = labels
        .iter()
        .map(|l| (l.len() as f32 * lh).max(bar_h) + gap)
        .collect();
    let caption = wrap(&chart.caption, Style::Bold, 10.0, cw);
    let cap_h = caption.len() as f32 * 10.0 * LEADING;
    let total: f32 = heights.iter().sum::<f32>() + cap_h + 16.0;
    w.ensure(total);
    w.y -= 6.0;
    let axis_top = w.y;
    for ((bar, lines), h) in chart.bars.iter().zip(&labels).zip(&heights) {
        let top = w.y;
        let body = h - gap;
        let block = lines.len() as f32 * lh;
        let (lx, ly) = (w.left, top - (body - block) / 2.0);
        w.lines(
            lines,
            lx,
            label_w,
            ly,
            (Style::Regular, size),
            HAlign::Right,
        );
        let len = (bar.value / max) as f32 * bar_max;
        let bar_top = top - (body - bar_h) / 2.0;
        if len > 0.0 {
            w.fill(bar_x, bar_top, len, bar_h, 0.45);
        }
        let v = Cell::Int(bar.value.round() as i64).text();
        let vx = bar_x + len + 3.0;
        w.text(
            vx,
            bar_top - bar_h * 0.5 - size * 0.35,
            Style::Regular,
            size,
            &v,
        );
        w.y -= h;
    }
    w.line(bar_x, axis_top, bar_x, w.y + gap, 0.6);
    w.y -= 4.0;
    let (x, top) = (w.left, w.y);
    w.lines(&caption, x, cw, top, (Style::Bold, 10.0), HAlign::Center);
    w.y -= cap_h + 8.0;
}
