output "bucket_name" {
  description = "Name of the data bucket."
  value       = aws_s3_bucket.data.id
}

output "bucket_arn" {
  description = "ARN of the data bucket."
  value       = aws_s3_bucket.data.arn
}

output "pointer_trail_name" {
  description = "CloudTrail trail recording writes of models/current, or null when not recorded."
  value       = one(aws_cloudtrail.pointer_writes[*].name)
}
