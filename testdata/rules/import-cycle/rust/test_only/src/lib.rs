mod good_cache;
mod good_gateway;
