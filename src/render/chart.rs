//! TEMPORARY stub with the agreed API; replaced by the real plotters module.
use crate::model::StatusKind;

pub struct BulletRow {
    pub label: String,
    pub ratio: Option<f64>,
    pub value_text: String,
    pub target_text: String,
    pub status: StatusKind,
    pub status_text: String,
}

pub struct ChartText {
    pub id: String,
    pub title: String,
    pub desc: String,
}

pub fn group_chart(text: &ChartText, rows: &[BulletRow]) -> String {
    format!(
        "<svg role=\"img\" viewBox=\"0 0 640 {}\"><title id=\"{}-title\">{}</title></svg>",
        rows.len() * 40,
        text.id,
        crate::render::escape(&text.title)
    )
}

pub struct Series {
    pub name: String,
    pub values: Vec<Option<f64>>,
}

pub enum DatasetChartKind {
    Bar,
    Line,
}

pub fn dataset_chart(
    text: &ChartText,
    _kind: DatasetChartKind,
    _categories: &[String],
    _series: &[Series],
    _fmt: &dyn Fn(f64) -> String,
) -> String {
    format!(
        "<svg role=\"img\" viewBox=\"0 0 640 100\"><title>{}</title></svg>",
        crate::render::escape(&text.title)
    )
}

pub fn status_bar(text: &ChartText, _counts: &[(StatusKind, usize, String)]) -> String {
    format!(
        "<svg role=\"img\" viewBox=\"0 0 640 100\"><title>{}</title></svg>",
        crate::render::escape(&text.title)
    )
}
