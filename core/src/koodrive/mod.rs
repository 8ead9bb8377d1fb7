//! Huawei Cloud KooDrive.
