//! File formats in and out: JSON for `info`; CSV, XLSX, Open Referral UK, calendar files and
//! PDF day sheets join it as those features land. This layer turns files into checked domain
//! values and back; it holds no SQL.

pub mod group_import;
pub mod info_json;
pub mod table;
