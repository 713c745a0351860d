//! A table of postcode areas and their neighbourhoods, as a council or CVS keeps one: a column of
//! postcode districts or sectors ("M32", "M33 5") and a column of neighbourhood names, in either
//! order, with or without a header row.

use super::mapping::{RowError, header_key};
use super::table::{Table, is_missing};
use crate::model::postcode::normalise_area;

/// The (area, neighbourhood) pairs a table gives, and the rows that give none, with why.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AreaTable {
    pub areas: Vec<(String, String)>,
    pub errors: Vec<RowError>,
}

/// Why a table is not one of postcode areas and neighbourhood names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NoAreaTable {
    #[error("no column holds postcode districts or sectors (like M32, or M33 5)")]
    NoAreas,
    #[error("there is no column of neighbourhood names beside the postcode areas")]
    NoNames,
}

/// Reads the table: the column where most cells are postcode districts or sectors is the area;
/// the neighbourhood is the column headed so, else the first other column. A header row that is
/// itself an area and a name is read as a row.
pub fn read_area_table(table: &Table) -> Result<AreaTable, NoAreaTable> {
    let columns = table.headers.len().max(table.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0));
    let area_cells =
        |c: usize| table.rows.iter().filter(|r| r.cells.get(c).is_some_and(|v| normalise_area(v).is_some())).count();
    let Some(area) =
        (0..columns).max_by_key(|c| (area_cells(*c), std::cmp::Reverse(*c))).filter(|c| area_cells(*c) > 0)
    else {
        return Err(NoAreaTable::NoAreas);
    };
    let named = |c: &usize| {
        let key = table.headers.get(*c).map(|h| header_key(h)).unwrap_or_default();
        key.contains("neighbourhood") || key.contains("neighborhood") || key == "name" || key == "locality"
    };
    let Some(name) = (0..columns).filter(|c| *c != area).find(named).or_else(|| (0..columns).find(|c| *c != area))
    else {
        return Err(NoAreaTable::NoNames);
    };
    let mut read = AreaTable::default();
    let header_is_a_row = table.headers.get(area).is_some_and(|h| normalise_area(h).is_some());
    let header = header_is_a_row.then(|| (1, table.headers.clone()));
    for (line, cells) in header.into_iter().chain(table.rows.iter().map(|r| (r.line, r.cells.clone()))) {
        let (area_cell, name_cell) =
            (cells.get(area).map_or("", |c| c.trim()), cells.get(name).map_or("", |c| c.trim()));
        if is_missing(area_cell) && is_missing(name_cell) {
            continue;
        }
        match (normalise_area(area_cell), is_missing(name_cell)) {
            (Some(normal), false) => read.areas.push((normal, name_cell.to_owned())),
            (None, _) if is_missing(area_cell) => read
                .errors
                .push(RowError {
                    line, reason: format!("“{name_cell}” has no postcode district or sector beside it")
                }),
            (None, _) => read.errors.push(RowError {
                line,
                reason: format!("“{area_cell}” is not a postcode district or sector (like M32, or M33 5)"),
            }),
            (Some(normal), true) => {
                read.errors.push(RowError { line, reason: format!("{normal} is given no neighbourhood") });
            }
        }
    }
    Ok(read)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::table::read_csv;

    #[test]
    fn areas_and_names_are_found_whichever_column_they_are_in() {
        let table = read_csv(
            b"Neighbourhood,Postcode district\nStretford,M32\nSale West,m33 5\nSale,M33\n,\nNowhere,TBC\nUrmston,\n",
        )
        .unwrap();
        let read = read_area_table(&table).unwrap();
        assert_eq!(
            read.areas,
            [("M32".into(), "Stretford".into()), ("M33 5".into(), "Sale West".into()), ("M33".into(), "Sale".into())]
        );
        let errors: Vec<(u64, &str)> = read.errors.iter().map(|e| (e.line, e.reason.as_str())).collect();
        assert_eq!(
            errors,
            [
                (6, "“TBC” is not a postcode district or sector (like M32, or M33 5)"),
                (7, "“Urmston” has no postcode district or sector beside it")
            ]
        );
        // No header: the first row is read too.
        let table = read_csv(b"FY1,Central\nFY2,Bispham\n").unwrap();
        assert_eq!(read_area_table(&table).unwrap().areas.len(), 2);
        assert!(read_area_table(&read_csv(b"Name,Town\nA,B\n").unwrap()).is_err());
    }
}
