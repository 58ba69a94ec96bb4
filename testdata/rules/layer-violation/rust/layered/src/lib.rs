pub mod db;
pub mod good_util;
pub mod handlers;
