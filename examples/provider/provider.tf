terraform {
  required_providers {
    cloudorder = {
      source = "cloudorder/cloudorder"
    }
  }
}

# Configure only the backends you use; each block is optional. Every
# setting can also come from the environment (CLOUDORDER_WALDUR_ENDPOINT,
# CLOUDORDER_WALDUR_TOKEN, ...), which keeps secrets out of the code.
provider "cloudorder" {
  waldur {
    endpoint = "https://api.wayscloud.services"
    token    = var.waldur_token
  }

  max_retries = 5
}

variable "waldur_token" {
  type      = string
  sensitive = true
}
