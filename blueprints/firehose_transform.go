package blueprints

import (
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesisfirehose"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// FirehoseTransformProps configures a FirehoseTransform blueprint.
type FirehoseTransformProps struct {
	// FunctionOptions are the settings of the blueprint's function. Default: - the
	// defaults of each of its fields.
	FunctionOptions
	// Bucket is the bucket Firehose delivers the transformed records to. Default: - a new
	// bucket that blocks public access, enforces TLS and is encrypted with S3 managed keys.
	Bucket awss3.IBucket
	// BufferInterval is how long Firehose gathers records before it invokes the function,
	// from 0 seconds to 15 minutes. Default: - 1 minute.
	BufferInterval time.Duration
	// BufferSizeMiB is how much data Firehose gathers before it invokes the function, 1 to
	// 3 MiB. Default: - 1 MiB.
	BufferSizeMiB int
}

// FirehoseTransform is the Firehose record transform blueprint: an Amazon Data Firehose
// delivery stream that delivers to Amazon S3 through a Python processor function, which
// decodes each base64 record and answers Ok (a JSON object, rewritten as a JSON line),
// Dropped (blank data) or ProcessingFailed (anything else, kept in the error output).
// Firehose invokes the function with its own role, so the function's role holds the basic
// logs permissions only.
type FirehoseTransform struct {
	constructs.Construct
	*Base
	// Bucket is the bucket the delivery stream writes to.
	Bucket awss3.IBucket
	// DeliveryStream is the delivery stream. Send records to it with PutRecord.
	DeliveryStream awskinesisfirehose.DeliveryStream
}

// NewFirehoseTransform creates a FirehoseTransform blueprint. Timeout 1 minute and 256 MiB
// unless FunctionOptions sets them.
//
// The delivery stream's S3 destination creates a service role for Firehose (to invoke the
// function and write to the bucket) with its grants in an AWS::IAM::Policy, and a log group
// for delivery errors.
func NewFirehoseTransform(scope constructs.Construct, id *string, props *FirehoseTransformProps) *FirehoseTransform {
	if props == nil {
		props = &FirehoseTransformProps{}
	}
	b := &FirehoseTransform{Base: &Base{}, Bucket: props.Bucket}
	constructs.NewConstruct_Override(b, scope, id)
	if b.Bucket == nil {
		b.Bucket = privateBucket(b)
	}
	b.Base.build(b, props.FunctionOptions, spec{
		handler:     "firehose_transform",
		description: "Firehose record transform blueprint: turns JSON records into JSON lines",
		timeout:     time.Minute,
		memory:      256,
	})
	interval, size := props.BufferInterval, props.BufferSizeMiB
	if interval == 0 {
		interval = time.Minute
	}
	if size == 0 {
		size = 1
	}
	processor := awskinesisfirehose.NewLambdaFunctionProcessor(b.Function, &awskinesisfirehose.DataProcessorProps{
		BufferInterval: duration(interval),
		BufferSize:     awscdk.Size_Mebibytes(jsii.Number(size)),
	})
	b.DeliveryStream = awskinesisfirehose.NewDeliveryStream(b, jsii.String("DeliveryStream"), &awskinesisfirehose.DeliveryStreamProps{
		Destination: awskinesisfirehose.NewS3Bucket(b.Bucket, &awskinesisfirehose.S3BucketProps{
			Processors:        &[]awskinesisfirehose.IDataProcessor{processor},
			DataOutputPrefix:  jsii.String("records/!{timestamp:yyyy/MM/dd}/"),
			ErrorOutputPrefix: jsii.String("errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/"),
		}),
	})
	return b
}

// Name returns "firehose-transform".
func (b *FirehoseTransform) Name() string { return "firehose-transform" }

// NewFirehoseTransformStack creates a stack holding a FirehoseTransform blueprint with the
// id FirehoseTransform.
func NewFirehoseTransformStack(scope constructs.Construct, id string, props *StackProps[FirehoseTransformProps]) awscdk.Stack {
	return newStack(scope, id, props, "FirehoseTransform", NewFirehoseTransform)
}
