import {
  to = cloudorder_hostway_vps.web
  id = "acct123456/00000143d407b725d9eb9a41007f000000010001" # account_number/product_id
}
