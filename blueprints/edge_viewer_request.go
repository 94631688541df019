package blueprints

import (
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudfront"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudfrontorigins"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/executionrole"
)

// EdgeRegion is the region Lambda@Edge functions are created in, and so the region of any
// stack holding an EdgeViewerRequest blueprint.
const EdgeRegion = "us-east-1"

// Lambda@Edge quotas for viewer triggers.
const (
	edgeViewerMaxMemory  = 128
	edgeViewerMaxTimeout = 5 * time.Second
)

// EdgeViewerRequestProps configures an EdgeViewerRequest blueprint. Lambda@Edge takes no
// environment variables, VPC or layers; a viewer-request function has at most 128 MiB and
// 5 seconds.
type EdgeViewerRequestProps struct {
	// FunctionOptions are the settings of the blueprint's function. Default: - the
	// defaults of each of its fields.
	FunctionOptions
	// Origin is the origin the distribution serves. Default: - a new private bucket that
	// blocks public access and enforces TLS, read through origin access control.
	Origin awscloudfront.IOrigin
}

// EdgeViewerRequest is the CloudFront Lambda@Edge viewer-request blueprint: a Node.js
// function that CloudFront runs on each viewer request, at the edge, to rewrite directory
// paths ("/docs/", "/docs") to their index document, and the CloudFront distribution that
// runs it. Its role holds the Lambda@Edge feature: it also trusts edgelambda.amazonaws.com,
// which replicates the function to the edge locations.
//
// The function must be in us-east-1: create the blueprint in a stack whose Env.Region is
// EdgeRegion, as NewEdgeViewerRequestStack does. Its log group is created there; replicas
// write to a log group of the same name in the region of the edge location that ran them,
// which Lambda creates with no retention.
type EdgeViewerRequest struct {
	constructs.Construct
	*Base
	// Version is the published version of the function that CloudFront runs.
	Version awslambda.IVersion
	// Distribution is the CloudFront distribution; its domain name is in the stack output
	// Url.
	Distribution awscloudfront.Distribution
	// Bucket is the origin bucket; nil when Origin was given.
	Bucket awss3.Bucket
}

// NewEdgeViewerRequest creates an EdgeViewerRequest blueprint. Timeout 5 seconds and 128
// MiB, the viewer-trigger maximums. It panics if the stack's region is not EdgeRegion, or
// if FunctionOptions exceeds those maximums.
func NewEdgeViewerRequest(scope constructs.Construct, id *string, props *EdgeViewerRequestProps) *EdgeViewerRequest {
	if props == nil {
		props = &EdgeViewerRequestProps{}
	}
	switch region := *awscdk.Stack_Of(scope).Region(); {
	case region != EdgeRegion:
		fail(scope, id, "the stack's region is %q: Lambda@Edge functions are created in %s, set Env.Region to %q on the stack (NewEdgeViewerRequestStack does)", region, EdgeRegion, EdgeRegion)
	case props.MemorySize > edgeViewerMaxMemory:
		fail(scope, id, "MemorySize %d exceeds the %d MiB Lambda@Edge allows viewer triggers: set 128 or less", props.MemorySize, edgeViewerMaxMemory)
	case props.Timeout > edgeViewerMaxTimeout:
		fail(scope, id, "Timeout %v exceeds the %v Lambda@Edge allows viewer triggers: set 5s or less", props.Timeout, edgeViewerMaxTimeout)
	}
	b := &EdgeViewerRequest{Base: &Base{}}
	constructs.NewConstruct_Override(b, scope, id)
	b.Base.build(b, props.FunctionOptions, spec{
		handler:     "edge_viewer_request",
		runtime:     awslambda.Runtime_NODEJS_22_X(),
		description: "CloudFront viewer-request blueprint: rewrites directory paths to index.html",
		features:    []executionrole.Feature{executionrole.Edge()},
		timeout:     edgeViewerMaxTimeout,
		memory:      edgeViewerMaxMemory,
	})
	b.Version = b.Function.CurrentVersion()
	origin := props.Origin
	if origin == nil {
		b.Bucket = privateBucket(b)
		origin = awscloudfrontorigins.S3BucketOrigin_WithOriginAccessControl(b.Bucket, nil)
	}
	b.Distribution = awscloudfront.NewDistribution(b, jsii.String("Distribution"), &awscloudfront.DistributionProps{
		Comment: jsii.String("Lambda@Edge viewer-request blueprint"),
		DefaultBehavior: &awscloudfront.BehaviorOptions{
			Origin:               origin,
			ViewerProtocolPolicy: awscloudfront.ViewerProtocolPolicy_REDIRECT_TO_HTTPS,
			EdgeLambdas: &[]*awscloudfront.EdgeLambda{{
				EventType:       awscloudfront.LambdaEdgeEventType_VIEWER_REQUEST,
				FunctionVersion: b.Version,
			}},
		},
	})
	awscdk.NewCfnOutput(b, jsii.String("Url"), &awscdk.CfnOutputProps{
		Description: jsii.String("URL of the CloudFront distribution"),
		Value:       jsii.String("https://" + *b.Distribution.DistributionDomainName()),
	})
	return b
}

// Name returns "cloudfront-viewer-request".
func (b *EdgeViewerRequest) Name() string { return "cloudfront-viewer-request" }

// NewEdgeViewerRequestStack creates a stack holding an EdgeViewerRequest blueprint with the
// id EdgeViewerRequest, in EdgeRegion: props.Env.Region is set to it when empty. It panics
// if props.Env.Region names another region.
func NewEdgeViewerRequestStack(scope constructs.Construct, id string, props *StackProps[EdgeViewerRequestProps]) awscdk.Stack {
	p := StackProps[EdgeViewerRequestProps]{}
	if props != nil {
		p = *props
	}
	env := awscdk.Environment{}
	if p.Env != nil {
		env = *p.Env
	}
	if env.Region == nil {
		env.Region = jsii.String(EdgeRegion)
	}
	p.Env = &env
	return newStack(scope, id, &p, "EdgeViewerRequest", NewEdgeViewerRequest)
}
