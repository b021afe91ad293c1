# Import a VPS by its account number and the id of the product on the account.
terraform import cloudorder_hostway_vps.web acct123456/00000143d407b725d9eb9a41007f000000010001
