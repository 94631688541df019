package blueprints

import (
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2authorizers"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2integrations"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/execrole/execrole/constructs/templates"
)

// MicroserviceHttpEndpointProps configures a MicroserviceHttpEndpoint blueprint.
type MicroserviceHttpEndpointProps struct {
	// FunctionOptions are the settings of the blueprint's function. Default: - the
	// defaults of each of its fields.
	FunctionOptions
	// Table is the table that keeps the items; its partition key must be a string
	// attribute named PartitionKey. Default: - a new on-demand table with the string
	// partition key PartitionKey.
	Table awsdynamodb.ITable
	// PartitionKey is the name of the table's partition key attribute. Default: - "id".
	PartitionKey string
	// Authorizer authorizes the API's requests; pass awsapigatewayv2.NewHttpNoneAuthorizer()
	// to open the API to anyone. Default: - IAM authorization: callers sign their requests
	// with AWS Signature Version 4 and need execute-api:Invoke.
	Authorizer awsapigatewayv2.IHttpRouteAuthorizer
}

// MicroserviceHttpEndpoint is the microservice-http-endpoint blueprint: a Python function
// behind an Amazon API Gateway HTTP API that creates, reads, updates, deletes and lists the
// items of an Amazon DynamoDB table (routes /items and /items/{id}). API Gateway invokes
// the function through its resource-based policy; the role holds the DynamoDBCrudPolicy
// template on the table.
type MicroserviceHttpEndpoint struct {
	constructs.Construct
	*Base
	// Table is the table that keeps the items.
	Table awsdynamodb.ITable
	// Api is the HTTP API; its URL is in the stack output Url.
	Api awsapigatewayv2.HttpApi
}

// NewMicroserviceHttpEndpoint creates a MicroserviceHttpEndpoint blueprint. Timeout 10
// seconds and 256 MiB unless FunctionOptions sets them.
func NewMicroserviceHttpEndpoint(scope constructs.Construct, id *string, props *MicroserviceHttpEndpointProps) *MicroserviceHttpEndpoint {
	if props == nil {
		props = &MicroserviceHttpEndpointProps{}
	}
	b := &MicroserviceHttpEndpoint{Base: &Base{}, Table: props.Table}
	constructs.NewConstruct_Override(b, scope, id)
	key := props.PartitionKey
	if key == "" {
		key = "id"
	}
	if b.Table == nil {
		b.Table = awsdynamodb.NewTable(b, jsii.String("Table"), &awsdynamodb.TableProps{
			PartitionKey: &awsdynamodb.Attribute{Name: jsii.String(key), Type: awsdynamodb.AttributeType_STRING},
			BillingMode:  awsdynamodb.BillingMode_PAY_PER_REQUEST,
		})
	}
	b.Base.build(b, props.FunctionOptions, spec{
		handler:     "microservice_http_endpoint",
		description: "microservice-http-endpoint blueprint: a REST resource kept in a DynamoDB table",
		templates:   []templates.Use{templates.Apply("DynamoDBCrudPolicy", *b.Table.TableName())},
		environment: map[string]string{"TABLE_NAME": *b.Table.TableName(), "PARTITION_KEY": key},
		timeout:     10 * time.Second,
		memory:      256,
	})
	authorizer := props.Authorizer
	if authorizer == nil {
		authorizer = awsapigatewayv2authorizers.NewHttpIamAuthorizer()
	}
	b.Api = awsapigatewayv2.NewHttpApi(b, jsii.String("Api"), &awsapigatewayv2.HttpApiProps{
		Description:       jsii.String("microservice-http-endpoint blueprint"),
		DefaultAuthorizer: authorizer,
	})
	integration := awsapigatewayv2integrations.NewHttpLambdaIntegration(jsii.String("Items"), b.Function, nil)
	for _, r := range []struct {
		path    string
		methods []awsapigatewayv2.HttpMethod
	}{
		{"/items", []awsapigatewayv2.HttpMethod{awsapigatewayv2.HttpMethod_GET, awsapigatewayv2.HttpMethod_POST}},
		{"/items/{id}", []awsapigatewayv2.HttpMethod{awsapigatewayv2.HttpMethod_GET, awsapigatewayv2.HttpMethod_PUT, awsapigatewayv2.HttpMethod_DELETE}},
	} {
		b.Api.AddRoutes(&awsapigatewayv2.AddRoutesOptions{Path: jsii.String(r.path), Methods: &r.methods, Integration: integration})
	}
	awscdk.NewCfnOutput(b, jsii.String("Url"), &awscdk.CfnOutputProps{
		Description: jsii.String("URL of the items resource"),
		Value:       jsii.String(*b.Api.ApiEndpoint() + "/items"),
	})
	return b
}

// Name returns "microservice-http-endpoint".
func (b *MicroserviceHttpEndpoint) Name() string { return "microservice-http-endpoint" }

// NewMicroserviceHttpEndpointStack creates a stack holding a MicroserviceHttpEndpoint
// blueprint with the id MicroserviceHttpEndpoint.
func NewMicroserviceHttpEndpointStack(scope constructs.Construct, id string, props *StackProps[MicroserviceHttpEndpointProps]) awscdk.Stack {
	return newStack(scope, id, props, "MicroserviceHttpEndpoint", NewMicroserviceHttpEndpoint)
}
