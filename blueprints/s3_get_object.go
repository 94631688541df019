package blueprints

import (
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3notifications"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/templates"
)

// S3GetObjectProps configures an S3GetObject blueprint.
type S3GetObjectProps struct {
	// FunctionOptions are the settings of the blueprint's function. Default: - the
	// defaults of each of its fields.
	FunctionOptions
	// Bucket is the bucket whose new objects the function reads. Default: - a new bucket
	// that blocks public access, enforces TLS and is encrypted with S3 managed keys.
	Bucket awss3.IBucket
	// Prefix limits the notifications to keys that start with it. Default: - every key.
	Prefix string
	// Suffix limits the notifications to keys that end with it (".jpg"). Default: - every
	// key.
	Suffix string
}

// S3GetObject is the s3-get-object blueprint: a Python function that Amazon S3 notifies of
// each object created in a bucket, and that reads the object's content type. Its role
// holds the S3ReadPolicy template on the bucket (plus KMSDecryptPolicy on the bucket's key
// when it has a customer managed one).
type S3GetObject struct {
	constructs.Construct
	*Base
	// Bucket is the bucket that notifies the function.
	Bucket awss3.IBucket
}

// NewS3GetObject creates an S3GetObject blueprint. Timeout 10 seconds unless
// FunctionOptions sets it.
//
// S3 notifications are configured by the BucketNotificationsHandler custom resource of
// aws-cdk-lib, a function with its own role, once per stack.
func NewS3GetObject(scope constructs.Construct, id *string, props *S3GetObjectProps) *S3GetObject {
	if props == nil {
		props = &S3GetObjectProps{}
	}
	b := &S3GetObject{Base: &Base{}, Bucket: props.Bucket}
	constructs.NewConstruct_Override(b, scope, id)
	if b.Bucket == nil {
		b.Bucket = privateBucket(b)
	}
	uses := []templates.Use{templates.Apply("S3ReadPolicy", *b.Bucket.BucketName())}
	if key := b.Bucket.EncryptionKey(); key != nil {
		uses = append(uses, templates.Apply("KMSDecryptPolicy", *key.KeyId()))
	}
	b.Base.build(b, props.FunctionOptions, spec{
		handler:     "s3_get_object",
		description: "s3-get-object blueprint: reads the content type of new S3 objects",
		templates:   uses,
		timeout:     10 * time.Second,
	})
	var filters []*awss3.NotificationKeyFilter
	if props.Prefix != "" || props.Suffix != "" {
		f := &awss3.NotificationKeyFilter{}
		if props.Prefix != "" {
			f.Prefix = jsii.String(props.Prefix)
		}
		if props.Suffix != "" {
			f.Suffix = jsii.String(props.Suffix)
		}
		filters = append(filters, f)
	}
	b.Bucket.AddEventNotification(awss3.EventType_OBJECT_CREATED, awss3notifications.NewLambdaDestination(b.Function), filters...)
	return b
}

// Name returns "s3-get-object".
func (b *S3GetObject) Name() string { return "s3-get-object" }

// NewS3GetObjectStack creates a stack holding an S3GetObject blueprint with the id
// S3GetObject.
func NewS3GetObjectStack(scope constructs.Construct, id string, props *StackProps[S3GetObjectProps]) awscdk.Stack {
	return newStack(scope, id, props, "S3GetObject", NewS3GetObject)
}
